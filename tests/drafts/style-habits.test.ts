import { describe, expect, it } from 'vitest';
import type { LocalTaskInputs } from '../../backend/ai/local-tasks.ts';
import { localModelId, localProvider } from '../../backend/ai/providers/local/index.ts';
import type { DraftFacts } from '../../backend/drafts/facts.ts';
import { draftSystem } from '../../backend/drafts/prompt.ts';
import { describeStyleProfile } from '../../backend/drafts/style/describe.ts';
import {
  emptyStyleProfile,
  learnStyleProfile,
  type StyleSample,
} from '../../backend/drafts/style/learn-profile.ts';
import type { GenerateDraftInput, StyleProfile } from '../../shared/api/drafts.ts';

const sender = 'Sam Lee';
const answers = [
  'You asked for the SSO guide. I will send it by Friday, November 27.',
  'You asked about your renewal. It is on June 30, in 200 days.',
  'You asked for the export. It will be ready by Monday, November 30.',
  'You asked about seats. There are 2 more on their way by Tuesday, December 1.',
];
const opener = 'Thanks so much for your note! It is great to hear from you.';
const closer = 'Let me know if there is anything else I can do!';

function letter(greeting: string, paragraphs: string[], closing: string): string {
  return [greeting, ...paragraphs, closing].join('\n\n');
}

/** Drafts as CSCX writes them, and what the CSM made of each: `edit` rewrites the body's paragraphs. */
function samples(
  edit: (paragraphs: string[]) => string[],
  draftOrder: (answer: string) => string[] = (answer) => [opener, answer, closer],
  sentFrame: { greeting: string; closing: string } = { greeting: 'Hello Priya,', closing: 'Best,\nSam Lee' },
): StyleSample[] {
  return answers.map((answer) => ({
    draftText: letter('Hello Priya,', draftOrder(answer), 'Best,\nSam Lee'),
    sentText: letter(sentFrame.greeting, edit(draftOrder(answer)), sentFrame.closing),
  }));
}

describe('style habits beyond greeting and sign-off', () => {
  it('learns that they greet by full name and sign with a title under their name', () => {
    const profile = learnStyleProfile(
      samples((p) => p, undefined, {
        greeting: 'Hello Priya Raman,',
        closing: 'Best,\nSam Lee\nCustomer Success Manager',
      }),
      sender,
    );
    expect(profile).toMatchObject({
      greetsByFullName: true,
      signature: 'Sam Lee\nCustomer Success Manager',
    });
    expect(
      learnStyleProfile(
        samples((p) => p),
        sender,
      ).greetsByFullName,
    ).toBe(false);
  });

  it('tells a sentence they always write at the top from one they write at the end, and keeps both once drafts follow them', () => {
    const top = 'Looping in our support lead as well.';
    const end = 'P.S. Our roadmap webinar is on the 14th, invite to follow.';
    const learned = learnStyleProfile(
      samples((p) => [top, ...p, end]),
      sender,
    );
    expect(learned.openingPhrases).toEqual(['Looping in our support lead as well']);
    expect(learned.addedPhrases).toEqual(['P.S. Our roadmap webinar is on the 14th, invite to follow']);
    const followed = samples(
      (p) => p,
      (answer) => [top, opener, answer, closer, end],
    );
    expect(learnStyleProfile(followed, sender, learned)).toMatchObject({
      openingPhrases: learned.openingPhrases,
      addedPhrases: learned.addedPhrases,
    });
  });

  it('learns that they lead with the answer from the order they send, and unlearns it when they move the thanks back up', () => {
    const answerFirst = ([open, answer, ...rest]: string[]) => [answer!, open!, ...rest];
    const learned = learnStyleProfile(samples(answerFirst), sender);
    expect(learned.leadsWithAnswer).toBe(true);
    const draftedAnswerFirst = (answer: string) => [answer, opener, closer];
    // Drafts that lead with the answer, sent as they are: the habit holds.
    expect(
      learnStyleProfile(
        samples((p) => p, draftedAnswerFirst),
        sender,
        learned,
      ).leadsWithAnswer,
    ).toBe(true);
    // The CSM puts the thanks back on top: it was not their habit after all.
    const thanksFirst = ([answer, open, ...rest]: string[]) => [open!, answer!, ...rest];
    expect(learnStyleProfile(samples(thanksFirst, draftedAnswerFirst), sender, learned).leadsWithAnswer).toBe(
      false,
    );
    expect(
      learnStyleProfile(
        samples((p) => p),
        sender,
      ).leadsWithAnswer,
    ).toBe(false);
  });

  it('learns their register from what they send: contractions, no exclamation marks, short dates', () => {
    const casual = (p: string[]) =>
      p.map((text) =>
        text
          .replace(/\bI will\b/g, "I'll")
          .replace(/\bIt is\b/g, "It's")
          .replace(/\bthere is\b/g, "there's")
          .replace(/\bThere are\b/g, "There're")
          .replace(/!/g, '.')
          .replace(/(Fri|Mon|Tue)\w*day, (Nov|Dec)\w* (\d+)/g, '$1 $2 $3'),
      );
    const profile = learnStyleProfile(samples(casual), sender);
    expect(profile).toMatchObject({ contractions: 'contracted', noExclamations: true, shortDates: true });
    // Drafts that follow them show no exclamation mark to take out, which does not undo the habit.
    const followed = samples(
      (p) => p,
      (answer) => [answer.replace(/!/g, '.')],
    );
    expect(learnStyleProfile(followed, sender, profile).noExclamations).toBe(true);
    const formal = (p: string[]) => p.map((text) => text.replace(/!/g, '.'));
    expect(learnStyleProfile(samples(formal), sender).contractions).toBe('spelled out');
  });

  it('reads a profile stored before these habits existed', () => {
    const stored = {
      greeting: 'Hey',
      signOff: 'Cheers,',
      typicalWords: null,
      formality: null,
      removedPhrases: [],
      addedPhrases: ['Talk soon'],
      samples: 1,
    } satisfies StyleProfile;
    expect(learnStyleProfile(samples((p) => p).slice(0, 1), sender, stored)).toEqual({
      ...emptyStyleProfile,
      ...stored,
    });
    expect(describeStyleProfile(stored)).toContain('Often adds “Talk soon” near the end');
  });

  it('says each new habit in plain words', () => {
    const lines = describeStyleProfile({
      ...emptyStyleProfile,
      greeting: 'Hey',
      samples: 5,
      greetsByFullName: true,
      signature: 'Sam Lee\nCustomer Success Manager',
      openingPhrases: ['Looping in our support lead'],
      leadsWithAnswer: true,
      contractions: 'contracted',
      noExclamations: true,
      shortDates: true,
    });
    expect(lines).toEqual(
      expect.arrayContaining([
        'Opens with “Hey”',
        'Greets people by their full name',
        'Signs as “Sam Lee / Customer Success Manager”',
        'Starts with “Looping in our support lead”',
        'Leads with the answer, thanks and small talk after it',
        'Contracts words: “I’ll”, “it’s”',
        'Uses no exclamation marks',
        'Writes dates short: “Wed Nov 25”',
      ]),
    );
  });
});

type DraftInput = LocalTaskInputs['draft.reply'];

const learnedStyle: StyleProfile = {
  ...emptyStyleProfile,
  greeting: 'Hey',
  signOff: 'Cheers,',
  samples: 8,
  greetsByFullName: true,
  signature: 'Anna Lee\nCustomer Success Manager',
  openingPhrases: ['Looping in our support lead as well'],
  addedPhrases: ['Talk soon'],
  leadsWithAnswer: true,
  contractions: 'contracted',
  noExclamations: true,
  shortDates: true,
};

function replyInput(style: StyleProfile | null): DraftInput {
  return {
    intent: 'reply',
    instruction: null,
    tone: 'warm',
    length: 'medium',
    subject: 'Re: SSO guide',
    messages: [
      {
        from: { email: 'dana@acme.example', name: 'Dana Kim' },
        sentAt: '2026-11-25T09:00:00+01:00',
        text: 'Hi Anna,\n\nCould you send us the SSO setup guide?\n\nThanks,\nDana',
      },
    ],
    analysis: {
      sentiment: { score: 0, label: 'neutral' },
      urgency: 'normal',
      asks: [{ quote: 'Could you send us the SSO setup guide?', messageIndex: 0, kind: 'request' }],
      commitments: [],
      needsReply: true,
      summary: '',
    },
    customer: {
      name: 'Acme Corp',
      renewalDate: '2027-03-15',
      arr: '$120,000',
      openTickets: [],
      lastMeeting: null,
      openTasks: [],
    },
    recipient: { name: 'Dana Kim' },
    sender: { name: 'Anna Lee' },
    style,
    knowledge: [],
    now: '2026-11-25T16:00:00+01:00',
  };
}

async function localDraft(input: DraftInput, seed: number): Promise<string> {
  let text = '';
  const stream = localProvider.streamText({
    model: localModelId,
    system: '',
    blocks: [],
    maxOutputTokens: 1000,
    signal: new AbortController().signal,
    seed,
    task: { kind: 'draft.reply', input },
  });
  for await (const event of stream) if (event.type === 'text') text += event.text;
  return text;
}

describe('drafts follow the new habits', () => {
  it('the local draft greets by full name, starts with their opening sentence, leads with the answer, contracts, writes no "!" and short dates, and signs with their lines', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const plain = await localDraft(replyInput(null), seed);
      expect(plain).toMatch(/Wednesday|Thursday|Friday|Monday|Tuesday/);
      const text = await localDraft(replyInput(learnedStyle), seed);
      const [greeting, top, answer, ...rest] = text.split('\n\n');
      expect(greeting).toBe('Hey Dana Kim,');
      expect(top).toBe('Looping in our support lead as well.');
      expect(answer).toMatch(/SSO setup guide/);
      expect(answer).toMatch(/\d/);
      expect(rest.at(-1)).toBe('Cheers,\nAnna Lee\nCustomer Success Manager');
      expect(rest.at(-2)).toMatch(/Talk soon\.$/);
      const body = [top, answer, ...rest.slice(0, -1)].join('\n\n');
      expect(body).not.toContain('!');
      expect(body).not.toMatch(/\b(?:I will|It is|You will)\b/);
      expect(body).toMatch(/\b(?:Mon|Tue|Wed|Thu|Fri) (?:Nov|Dec) \d+\b/);
    }
  });

  it('the remote prompt asks for the same habits in its style section', () => {
    const input = { intent: 'reply', tone: 'warm', length: 'medium' } as GenerateDraftInput;
    const facts = {
      senderName: 'Anna Lee',
      orgName: 'Vendor',
      customer: { name: 'Acme Corp' },
    } as DraftFacts;
    const system = draftSystem(input, facts, learnedStyle);
    for (const said of [
      'open with "Hey" and the recipient\'s full name',
      'sign as "Anna Lee / Customer Success Manager"',
      'use contractions',
      'no exclamation marks',
      'like "Wed Nov 25"',
      'lead with the answer to the first ask',
      'start the body with these sentences, in a paragraph of their own: "Looping in our support lead as well"',
      'near the end, the sender always writes: "Talk soon"',
    ])
      expect(system).toContain(said);
  });
});
