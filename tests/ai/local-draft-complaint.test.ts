import { describe, expect, it } from 'vitest';
import type { ThreadMessage } from '../../shared/api/threads.ts';
import { type DraftInput, localAnalysisOf, localDraft } from './local-draft-calls.ts';

const jamie = { email: 'jamie@vendor.example', name: 'Jamie Ross' };
const ethan = { email: 'ethan@globex.example', name: 'Ethan Cole' };
/** Wednesday, December 2: two working days on is Friday, December 4. */
const now = '2026-12-02T10:00:00+01:00';

const globex: DraftInput['customer'] = {
  name: 'Globex',
  renewalDate: '2027-02-02',
  arr: '$80,000',
  openTickets: [
    {
      subject: 'Outage: data export unavailable for all users',
      priority: 'Urgent',
      openedAt: '2026-11-25T09:00:00Z',
    },
  ],
  lastMeeting: null,
  openTasks: [],
};

const ourPromise: ThreadMessage = {
  from: jamie,
  sentAt: '2026-11-28T09:00:00+01:00',
  text: 'Hi Ethan, thanks for flagging the export problem. Our engineers are on it and I will send you an update by Monday.',
};
const complaint: ThreadMessage = {
  from: ethan,
  sentAt: '2026-12-01T09:00:00+01:00',
  text: "Jamie, it is now Tuesday and we still cannot export any data. This is the third outage this month and my team is losing patience. Can you tell me when it will be fixed? Also, can we get a credit on this month's invoice? We need to discuss this before we talk about the renewal.",
};

const analysisOf = (subject: string, messages: ThreadMessage[]) =>
  localAnalysisOf({ subject, messages, ownAddress: jamie.email, now });

async function replyTo(messages: ThreadMessage[], overrides: Partial<DraftInput> = {}): Promise<DraftInput> {
  const subject = overrides.subject ?? 'Re: Export not working';
  return {
    intent: 'reply',
    instruction: null,
    tone: 'warm',
    length: 'medium',
    subject,
    messages,
    analysis: await analysisOf(subject, messages),
    customer: globex,
    recipient: { name: ethan.name },
    sender: { name: jamie.name },
    style: null,
    knowledge: [],
    now,
    ...overrides,
  };
}

const draft = localDraft;

/** The warm tone's stock openers, which an unhappy customer must not get. */
const friendlyOpeners =
  /great to hear from you|thanks so much for your note|always good to hear from you|really appreciate it!/i;
const contractions = /\b\w+['’](?:ll|re|ve|m|d)\b|n['’]t\b|\b(?:it|that|there|here|what|let)['’]s\b/i;

function paragraphs(text: string): string[] {
  return text.split('\n\n').slice(1, -1);
}

describe('the local provider replying to an angry customer', () => {
  it('hears the complaint as the problem, not as an ask, in the thread analysis', async () => {
    const input = await replyTo([ourPromise, complaint]);
    expect(input.analysis?.sentiment.label).toBe('negative');
    expect(input.analysis?.asks.map((a) => a.quote)).toEqual([
      'Can you tell me when it will be fixed?',
      "Also, can we get a credit on this month's invoice?",
      'We need to discuss this before we talk about the renewal.',
    ]);
  });

  it('opens on an apology for the problem in the customer’s words, then the late promise, in every tone and seed', async () => {
    const input = await replyTo([ourPromise, complaint]);
    for (const tone of ['warm', 'concise', 'formal'] as const)
      for (const seed of [1, 2, 3]) {
        const [first = '', second = ''] = paragraphs(await draft({ ...input, tone }, seed));
        expect(first).toMatch(/sorry|apologi[sz]e/i);
        expect(first).toContain('you still cannot export any data');
        expect(first).not.toMatch(friendlyOpeners);
        expect(second).toMatch(
          /promised to send you an update by Monday|undertook to send you an update by Monday/,
        );
      }
  });

  it('does not answer the complaint as a question, and names the open ticket about the export', async () => {
    const input = await replyTo([ourPromise, complaint]);
    for (const seed of [1, 2, 3]) {
      const text = await draft(input, seed);
      expect(text).not.toContain('it is now Tuesday');
      expect(text).not.toMatch(/no open ticket/i);
      expect(text).toContain(
        '"Outage: data export unavailable for all users" (urgent priority, opened November 25)',
      );
    }
  });

  it('offers a call for what the customer wants to discuss, and raises the credit without promising it', async () => {
    const input = await replyTo([ourPromise, complaint]);
    for (const seed of [1, 2, 3]) {
      const text = await draft(input, seed);
      expect(text).toContain(
        "Let's set up a call this week to go through it before we talk about the renewal.",
      );
      expect(text).toMatch(/I('ll|'m) rais(e|ing) the credit with our team\./);
      expect(text).not.toMatch(
        /you('ll| will) (get|receive|have) (a|the) credit|credit (is|has been) approved/i,
      );
      expect(text).not.toMatch(/have it( to you)? by Friday|get that over to you/);
    }
  });

  it('says once what it will come back on and by when, instead of a "let me find out" per ask', async () => {
    const input = await replyTo([ourPromise, complaint]);
    for (const tone of ['warm', 'concise', 'formal'] as const)
      for (const seed of [1, 2, 3]) {
        const text = await draft({ ...input, tone }, seed);
        expect(text.match(/Friday, December 4/g)).toHaveLength(1);
        expect(text).toMatch(
          /on the fix date and the credit by Friday, December 4\.|regarding the fix date and the credit by Friday, December 4\./,
        );
        if (tone === 'formal') expect(text).not.toMatch(contractions);
      }
  });

  it('still answers a real question in an angry thread, and closes without cheer', async () => {
    const asking: ThreadMessage = {
      ...complaint,
      text: 'Jamie, the export is still down and my team is losing patience. When is our renewal date?',
    };
    const text = await draft(await replyTo([ourPromise, asking]));
    expect(paragraphs(text)[0]).toContain("I'm sorry that the export is still down.");
    expect(text).toContain('"When is our renewal date?" Your renewal');
    expect(text).toContain('February 2, 2027');
    // No cheer in the closing either (its thanks for their patience is optional, and length may cut it).
    expect(text).not.toMatch(/wonderful|great partner|love to catch up|always happy to help/i);
  });

  it('says it will open a ticket when none of the open ones is about the problem', async () => {
    const otherTicket = {
      subject: 'Invoice address change',
      priority: 'Low',
      openedAt: '2026-11-20T09:00:00Z',
    };
    const input = await replyTo([ourPromise, complaint], {
      customer: { ...globex, openTickets: [otherTicket] },
    });
    const text = await draft(input);
    expect(text).toMatch(/I will open one with our support team/);
    expect(text).not.toContain('Invoice address change');
  });

  it('names the open ticket in its apology when the customer only complains, and only once when an answer names it', async () => {
    const only: ThreadMessage = {
      ...complaint,
      text: 'Jamie, the export is still down and my team is losing patience. This is the third outage this month.',
    };
    const input = await replyTo([ourPromise, only]);
    expect(input.analysis?.asks).toEqual([]);
    const [first = ''] = paragraphs(await draft(input));
    expect(first).toContain("I'm sorry that the export is still down.");
    expect(first).toContain('open ticket "Outage: data export unavailable for all users"');
    const answered = await draft(await replyTo([ourPromise, complaint]));
    expect(answered.match(/Outage: data export unavailable for all users/g)).toHaveLength(1);
  });

  it('keeps a complaint that also asks something as an ask', async () => {
    const askingToLook: ThreadMessage = {
      ...complaint,
      text: 'Jamie, the export is down again, could you look into it?',
    };
    const input = await replyTo([ourPromise, askingToLook]);
    expect(input.analysis?.asks.map((a) => a.quote)).toEqual([
      'Jamie, the export is down again, could you look into it?',
    ]);
  });
});

describe('the local provider replying to a happy customer', () => {
  it('keeps a friendly opener and apologises for nothing', async () => {
    const happy: ThreadMessage = {
      from: ethan,
      sentAt: '2026-12-01T09:00:00+01:00',
      text: 'Hi Jamie, the new dashboards are great and the whole team loves them! Could you send us the Q4 usage report by Friday?',
    };
    const input = await replyTo([happy], { subject: 'Re: dashboards' });
    expect(input.analysis?.sentiment.label).toBe('positive');
    for (const seed of [1, 2, 3, 4]) {
      const text = await draft(input, seed);
      expect(paragraphs(text)[0]).toMatch(/thank|great|appreciate/i);
      expect(text).not.toMatch(/sorry|apologi/i);
      expect(text).toContain('send you the Q4 usage report');
    }
  });
});
