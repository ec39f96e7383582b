import type { Contact } from '@inboxsdk/core';
import { describe, expect, it, vi } from 'vitest';
import { inboxSdkGmailHost } from '../../../extension/hosts/gmail/gmail-host.ts';
import { badgeInboxRows } from '../../../extension/hosts/gmail/inbox-health.ts';
import { createApiClient } from '../../../extension/lib/api-client.ts';
import { inboxHealthListener, inboxHealthRelay } from '../../../extension/lib/inbox-health-relay.ts';
import type { Session } from '../../../extension/lib/session-store.ts';
import type { HealthForThreadsInput } from '../../../shared/api/health.ts';
import { fakeBackend } from '../support/fake-backend.ts';
import { aThreadRow, dana, li, sam, standInInboxSdk } from '../support/inboxsdk-stand-in.ts';
import { me } from '../support/render-sidebar.tsx';
import { memorySessionStore, signedIn, signedOut } from '../support/sidebar-builders.ts';

const acmeHealth = {
  customerId: '00000000-0000-4000-8000-00000000ac01',
  customerName: 'Acme Robotics',
  score: 38.4,
  band: 'at_risk' as const,
};
const globexHealth = {
  customerId: '00000000-0000-4000-8000-00000000c1ob',
  customerName: 'Globex Industrial',
  score: 81,
  band: 'healthy' as const,
};
const stranger = (n: number): Contact => ({ name: `Person ${n}`, emailAddress: `person${n}@elsewhere.test` });
const globexBuyer: Contact = { name: 'Hank Scorpio', emailAddress: 'hank@globex.test' };

/** A backend that knows Acme and Globex by their domains; the org is cscx.localhost. */
function healthBackend() {
  return fakeBackend({
    'auth.me': () => me,
    'health.forThreads': (input) => ({
      rows: (input as HealthForThreadsInput).rows.map(({ key, addresses }) => ({
        key,
        health: addresses.some((a) => a.endsWith('@acme-robotics.test'))
          ? acmeHealth
          : addresses.some((a) => a.endsWith('@globex.test'))
            ? globexHealth
            : null,
      })),
    }),
  });
}

/**
 * The Gmail adapter's badges over the InboxSDK stand-in, looking rows up through the background's own
 * relay, whose tRPC client talks to the fake backend.
 */
function inbox(session: Session = signedIn) {
  const backend = healthBackend();
  const gmail = standInInboxSdk();
  const relay = inboxHealthRelay({
    session: memorySessionStore(session),
    connectApi: (target) => createApiClient(target, backend.fetch),
  });
  const lookups: HealthForThreadsInput['rows'][] = [];
  badgeInboxRows(
    { isInvalid: false, onInvalidated: () => () => {}, setTimeout: (run, ms) => window.setTimeout(run, ms) },
    inboxSdkGmailHost(gmail.sdk),
    (rows) => {
      lookups.push(rows);
      return relay(rows);
    },
  );
  const forThreads = () => backend.calls.filter((c) => c.path === 'health.forThreads');
  /** The rows the n-th `health.forThreads` request asked about. */
  const asked = (n: number) => (forThreads()[n]?.input as HealthForThreadsInput | undefined)?.rows ?? [];
  return { gmail, backend, forThreads, asked, lookups };
}

const titles = (row: ReturnType<typeof aThreadRow>) => row.labels.map((l) => l.title);

describe('health badges on Gmail’s thread list', () => {
  it('looks a page of 50 rows up in one request and badges the customers’ rows with band, colour and score', async () => {
    const { gmail, forThreads, asked } = inbox();
    const page = gmail.showRows(
      ...Array.from({ length: 50 }, (_, n) =>
        n % 5 === 0 ? aThreadRow(dana, sam) : n % 5 === 1 ? aThreadRow(globexBuyer) : aThreadRow(stranger(n)),
      ),
    );
    await vi.waitFor(() => expect(page[0]?.labels).toHaveLength(1));
    expect(forThreads()).toHaveLength(1);
    // Each set of people once: Dana's ten rows and Hank's ten are one row each in the request.
    expect(asked(0)).toHaveLength(32);
    expect(page[0]?.labels).toEqual([
      { title: 'At risk 38', foregroundColor: '#9c1208', backgroundColor: '#fbd3cf' },
    ]);
    expect(titles(page[1]!)).toEqual(['Healthy 81']);
    expect(page.filter((row) => row.labels.length > 0)).toHaveLength(20);
    expect(titles(page[2]!)).toEqual([]);
  });

  it('never asks about rows whose people are all the org’s own, nor sends the org’s addresses', async () => {
    const { gmail, forThreads, asked, lookups } = inbox();
    gmail.showRows(aThreadRow(sam), aThreadRow({ name: 'Ops', emailAddress: 'ops@CSCX.localhost' }));
    await vi.waitFor(() => expect(lookups).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(forThreads()).toEqual([]);

    const [row] = gmail.showRows(aThreadRow(sam, dana, li));
    await vi.waitFor(() => expect(titles(row!)).toEqual(['At risk 38']));
    expect(asked(0).map((r) => r.addresses)).toEqual([
      ['dana.reyes@acme-robotics.test', 'li.wei@acme-robotics.test'],
    ]);
  });

  it('asks nothing again for people looked up earlier on the page, and only the new people of a next page', async () => {
    const { gmail, forThreads, asked } = inbox();
    const [first] = gmail.showRows(aThreadRow(dana, sam), aThreadRow(stranger(1)));
    await vi.waitFor(() => expect(first?.labels).toHaveLength(1));

    // The next page: the same people (in another order, with a capital), and one new person.
    const [again, known, fresh] = gmail.showRows(
      aThreadRow(sam, { ...dana, emailAddress: 'Dana.Reyes@acme-robotics.test' }),
      aThreadRow(stranger(1)),
      aThreadRow(globexBuyer),
    );
    expect(titles(again!)).toEqual(['At risk 38']);
    await vi.waitFor(() => expect(titles(fresh!)).toEqual(['Healthy 81']));
    expect(titles(known!)).toEqual([]);
    expect(forThreads()).toHaveLength(2);
    expect(asked(1).map((r) => r.addresses)).toEqual([['hank@globex.test']]);
  });

  it('badges no row while signed out, and asks the backend nothing', async () => {
    const { gmail, backend, lookups } = inbox(signedOut);
    const [row] = gmail.showRows(aThreadRow(dana));
    await vi.waitFor(() => expect(lookups).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(row?.labels).toEqual([]);
    expect(backend.calls).toEqual([]);
  });

  it('leaves rows bare when the backend is down, and asks again for a row shown once it is back', async () => {
    const { gmail, backend, forThreads, lookups } = inbox();
    backend.down = true;
    const [before] = gmail.showRows(aThreadRow(dana));
    await vi.waitFor(() => expect(lookups).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(before?.labels).toEqual([]);

    backend.down = false;
    const [after] = gmail.showRows(aThreadRow(dana));
    await vi.waitFor(() => expect(titles(after!)).toEqual(['At risk 38']));
    expect(forThreads()).toHaveLength(1);
  });

  it('labels no row Gmail took away before the answer came', async () => {
    const { gmail, forThreads } = inbox();
    const [gone, stays] = gmail.showRows(aThreadRow(dana), aThreadRow(globexBuyer));
    gone?.remove();
    await vi.waitFor(() => expect(titles(stays!)).toEqual(['Healthy 81']));
    expect(forThreads()).toHaveLength(1);
    expect(gone?.labels).toEqual([]);
  });

  it('splits a list of more than 100 people into lookups the server takes', async () => {
    const { gmail, forThreads, asked } = inbox();
    const rows = gmail.showRows(
      ...Array.from({ length: 130 }, (_, n) => aThreadRow(stranger(n))),
      aThreadRow(dana),
    );
    await vi.waitFor(() => expect(titles(rows.at(-1)!)).toEqual(['At risk 38']));
    expect(forThreads()).toHaveLength(2);
    expect([asked(0).length, asked(1).length]).toEqual([100, 31]);
  });
});

describe('the background’s answer to a page of inbox rows', () => {
  const request = {
    type: 'cscx-inbox-health',
    rows: [{ key: '0', addresses: ['dana.reyes@acme-robotics.test'] }],
  };
  const gmailTab = { id: 'cscx-extension', url: 'https://mail.google.com/mail/u/0/#inbox', tab: { id: 7 } };

  function listener() {
    const backend = healthBackend();
    const relay = inboxHealthRelay({
      session: memorySessionStore(signedIn),
      connectApi: (target) => createApiClient(target, backend.fetch),
    });
    return { backend, listen: inboxHealthListener(relay, 'cscx-extension') };
  }

  it('answers this extension’s Gmail content script with the rows’ health', async () => {
    const { listen } = listener();
    const answer = await new Promise((resolve) => expect(listen(request, gmailTab, resolve)).toBe(true));
    expect(answer).toEqual({ status: 'ok', rows: [{ key: '0', health: acmeHealth }] });
  });

  it('leaves alone other pages, other extensions and other messages, asking the backend nothing', () => {
    const { backend, listen } = listener();
    const answered: unknown[] = [];
    const answer = (a: unknown) => answered.push(a);
    expect(
      listen(request, { ...gmailTab, url: 'https://calendar.google.com/calendar/u/0/r' }, answer),
    ).toBeUndefined();
    expect(listen(request, { ...gmailTab, id: 'another-extension' }, answer)).toBeUndefined();
    expect(
      listen(request, { id: 'cscx-extension', url: 'chrome-extension://cscx/sidebar.html' }, answer),
    ).toBeUndefined();
    expect(listen({ type: 'cscx-inbox-health', rows: 'all of them' }, gmailTab, answer)).toBeUndefined();
    expect(answered).toEqual([]);
    expect(backend.calls).toEqual([]);
  });
});
