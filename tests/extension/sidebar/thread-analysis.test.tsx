import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AnalyzeThreadOutput } from '../../../shared/api/threads.ts';
import type { GmailComposeContext } from '../../../shared/host-context.ts';
import { FakeProcedureError, type Procedure } from '../support/fake-backend.ts';
import { renderSidebar } from '../support/render-sidebar.tsx';
import {
  aCalendarEvent,
  aCustomerContext,
  aGmailThread,
  aMatch,
  aThreadAnalysis,
} from '../support/sidebar-builders.ts';

const acme = aCustomerContext({ name: 'Acme Robotics' });

function gmailSidebar(analyze: Procedure, lookup: Procedure = () => aMatch(acme), context = aGmailThread()) {
  return renderSidebar({
    host: 'gmail',
    context,
    procedures: { 'customers.context': lookup, 'threads.analyze': analyze },
  });
}

const replyDraft: GmailComposeContext = {
  host: 'gmail',
  view: 'compose',
  threadId: '18f3a2b4c5d6e7f8',
  subject: 'Re: Renewal terms and SSO rollout',
  participants: [{ email: 'dana.reyes@acme-robotics.test', name: 'Dana Reyes', roles: ['to'] }],
};

const analyses = (backend: { calls: { path: string; input: unknown }[] }) =>
  backend.calls.filter((c) => c.path === 'threads.analyze');

async function threadCard() {
  const card = await screen.findByRole('region', { name: 'Thread' });
  await waitFor(() => expect(card.getAttribute('aria-busy')).toBe('false'));
  return card;
}

describe('the Thread card of a Gmail thread’s customer', () => {
  it('sends the thread’s messages with their senders and dates for the matched customer', async () => {
    const { backend } = gmailSidebar(() => aThreadAnalysis());
    await threadCard();
    expect(analyses(backend).map((c) => c.input)).toEqual([
      {
        threadId: '18f3a2b4c5d6e7f8',
        subject: 'Renewal terms and SSO rollout',
        customerId: acme.id,
        log: true,
        messages: [
          {
            from: { email: 'dana.reyes@acme-robotics.test', name: 'Dana Reyes' },
            sentAt: '2026-04-21T09:12:00-07:00',
            text: expect.stringContaining('Can you send the updated terms by Friday?'),
          },
          {
            from: { email: 'csm@cscx.localhost', name: 'Sam Carter' },
            sentAt: '2026-04-21T11:40:00-07:00',
            text: expect.stringContaining('The seat quote follows tomorrow.'),
          },
        ],
      },
    ]);
  });

  it('shows sentiment with its score, urgency, needs-reply, the summary, the asks quoted and what we promised by when', async () => {
    gmailSidebar(() => aThreadAnalysis());
    const card = await threadCard();
    expect(within(card).getByText('Neutral (−0.12)')).toBeTruthy();
    expect(within(card).getByText('High urgency')).toBeTruthy();
    expect(within(card).getByText('Needs a reply')).toBeTruthy();
    expect(card.textContent).toContain(
      'Dana needs a seat quote and the updated terms before signing the renewal.',
    );
    const asks = within(card).getAllByRole('listitem').slice(0, 2);
    expect(
      asks.map((li) => [li.querySelector('q')?.textContent, li.querySelector('.chip')?.textContent]),
    ).toEqual([
      ['we need a quote for 40 more seats', 'Request'],
      ['Can you send the updated terms by Friday?', 'Question'],
    ]);
    const promised = within(card).getByRole('list', { name: 'Our commitments' });
    expect(promised.querySelector('q')?.textContent).toBe('The seat quote follows tomorrow.');
    const due = promised.querySelector('time');
    expect(due?.getAttribute('datetime')).toBe('2026-04-22T12:00:00-07:00');
    expect(due?.textContent).toBe('due Wed, Apr 22, 2026');
    expect(card.textContent).toContain(
      'Analysed by the local analyser (cscx-local-1). Added to the timeline.',
    );
  });

  it('says which provider answered after the chosen one failed', async () => {
    gmailSidebar(() =>
      aThreadAnalysis({ provider: 'gemini', model: 'gemini-2.5-flash', fellBackFrom: 'anthropic' }),
    );
    const card = await threadCard();
    expect(card.textContent).toContain('Analysed by Gemini (gemini-2.5-flash) after Anthropic failed.');
  });

  it('says when the organisation does not log Gmail threads', async () => {
    gmailSidebar(() => aThreadAnalysis({ logged: 'off', activityId: null }));
    const card = await threadCard();
    expect(card.textContent).toContain('Not logged: the organisation turned logging Gmail threads off.');
  });

  it('shows the customer’s words as text: markup stays visible characters and a link cannot be clicked', async () => {
    const hostile = aThreadAnalysis();
    hostile.analysis.asks = [
      {
        quote: 'Please <a href="https://evil.test/login">sign in here</a> <img src=x onerror="alert(1)">',
        messageIndex: 0,
        kind: 'request',
      },
    ];
    hostile.analysis.summary = 'Dana asks to re-enter the password at https://evil.test/login <b>today</b>.';
    gmailSidebar(() => hostile);
    const card = await threadCard();
    expect(card.querySelector('a, img, b')).toBeNull();
    expect(card.querySelector('q')?.textContent).toBe(
      'Please <a href="https://evil.test/login">sign in here</a> <img src=x onerror="alert(1)">',
    );
    expect(card.textContent).toContain('https://evil.test/login <b>today</b>.');
  });

  it('holds the card’s place while the model answers', async () => {
    let answer: (value: AnalyzeThreadOutput) => void = () => {};
    gmailSidebar(() => new Promise((resolve) => (answer = resolve)));
    const card = await screen.findByRole('region', { name: 'Thread' });
    expect(within(card).getByRole('status', { name: 'Analysing the thread' })).toBeTruthy();
    expect(card.getAttribute('aria-busy')).toBe('true');
    answer(aThreadAnalysis());
    expect(await within(card).findByText('High urgency')).toBeTruthy();
    expect(within(card).queryByRole('status')).toBeNull();
  });

  it('says in words that there were too many calls, and tries again when asked', async () => {
    let refuse = true;
    const { backend } = gmailSidebar(() => {
      if (refuse) throw new FakeProcedureError('TOO_MANY_REQUESTS', 'too many calls: wait a minute');
      return aThreadAnalysis();
    });
    const card = await threadCard();
    expect(within(card).getByRole('alert').textContent).toBe(
      'Too many analyses in the last minute. Wait a moment, then try again.',
    );
    refuse = false;
    await userEvent.click(within(card).getByRole('button', { name: 'Try again' }));
    expect(await within(card).findByText('High urgency')).toBeTruthy();
    expect(analyses(backend)).toHaveLength(2);
  });

  it('says the backend did not answer when the call never arrives', async () => {
    gmailSidebar(() => {
      throw new TypeError('Failed to fetch');
    });
    const card = await threadCard();
    expect(within(card).getByRole('alert').textContent).toBe(
      'The backend did not answer. Check that it is running, then try again.',
    );
    // The rest of the tab stays: the customer is still shown.
    expect(screen.getByRole('region', { name: 'Account' })).toBeTruthy();
  });

  it('analyses a thread once, also after a reply draft opened over it and closed, and again when another message loads', async () => {
    const { backend, hostPage } = gmailSidebar(() => aThreadAnalysis());
    await threadCard();
    hostPage.show(aGmailThread());
    hostPage.show(replyDraft);
    await screen.findByText('Re: Renewal terms and SSO rollout');
    hostPage.show(aGmailThread());
    expect(await within(await threadCard()).findByText('High urgency')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(analyses(backend)).toHaveLength(1);

    const thread = aGmailThread();
    thread.messages.push({
      from: 'dana.reyes@acme-robotics.test',
      fromName: 'Dana Reyes',
      sentAt: '2026-04-21T12:02:00-07:00',
      text: 'Thanks, Sam!',
    });
    hostPage.show(thread);
    await waitFor(() => expect(analyses(backend)).toHaveLength(2));
    expect(analyses(backend)[1]?.input).toMatchObject({ messages: { length: 3 } });
  });

  it('fetches the customer again once the thread is on the timeline, so the email shows in Recent activity', async () => {
    let logged = false;
    const emailActivity = {
      id: '00000000-0000-4000-8000-00000000e1e1',
      kind: 'email' as const,
      occurredAt: '2026-04-21T18:40:00.000Z',
      subject: 'Renewal terms and SSO rollout',
      summary: 'Dana needs a seat quote and the updated terms before signing the renewal.',
      contactId: null,
      ticketStatus: null,
      ticketPriority: null,
      npsScore: null,
      source: 'gmail',
    };
    gmailSidebar(
      () => {
        logged = true;
        return aThreadAnalysis({ logged: 'recorded' });
      },
      () => aMatch(logged ? { ...acme, recentActivities: [emailActivity, ...acme.recentActivities] } : acme),
    );
    const timeline = await screen.findByRole('region', { name: 'Recent activity' });
    expect(
      await within(timeline).findByText('Renewal terms and SSO rollout', {}, { timeout: 3000 }),
    ).toBeTruthy();
  });

  it('fetches nothing again when the thread was on the timeline already', async () => {
    const { backend } = gmailSidebar(() => aThreadAnalysis({ logged: 'unchanged' }));
    await threadCard();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(backend.calls.filter((c) => c.path === 'customers.context')).toHaveLength(1);
  });

  it('analyses nothing on a Calendar event, in a draft, or without a customer', async () => {
    const setups = [
      { host: 'calendar' as const, context: aCalendarEvent(), match: aMatch(acme) },
      {
        host: 'gmail' as const,
        context: replyDraft,
        match: aMatch(acme),
      },
      {
        host: 'gmail' as const,
        context: aGmailThread(),
        match: { candidates: [], customer: null, unmatchedEmails: ['dana.reyes@acme-robotics.test'] },
      },
    ];
    for (const setup of setups) {
      const { backend, unmount } = renderSidebar({
        host: setup.host,
        context: setup.context,
        procedures: { 'customers.context': () => setup.match, 'threads.analyze': () => aThreadAnalysis() },
      });
      await screen.findByRole('heading', {
        name: setup.match.customer ? 'Acme Robotics' : 'Not a customer yet',
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(analyses(backend)).toEqual([]);
      expect(screen.queryByRole('region', { name: 'Thread' })).toBeNull();
      unmount();
    }
  });
});
