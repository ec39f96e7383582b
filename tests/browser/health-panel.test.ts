import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { HealthScore } from '../../shared/api/health.ts';
import type { SignalEventInput } from '../../shared/api/signals.ts';
import type { GmailThreadContext } from '../../shared/host-context.ts';
import { callProcedure, resultData } from '../process/support/cscx-process.ts';
import { signedInBrowserOnFixtures } from './support/signed-in-browser.ts';
import { fixtureThreadContext, openThreadInSidebar, screenshots } from './support/thread-in-sidebar.ts';

const suite = signedInBrowserOnFixtures();
const server = () => ({ url: inject('backendUrl') });
const day = 86_400_000;
const weekStart = (weeksAgo: number) => {
  const d = new Date(Date.now() - weeksAgo * 7 * day);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};

/**
 * Acme Robotics slipping, in raw signals only: weekly active users and logins halved over the last
 * month, two urgent tickets open for nine days, a detractor's NPS, and its champion gone.
 */
function slippingAcme(customerId: string): SignalEventInput[] {
  const weeks = Array.from({ length: 12 }, (_, i) => 11 - i);
  return [
    ...weeks.flatMap((w) => [
      {
        eventId: `acme-users-${w}`,
        customerId,
        kind: 'usage.active_users' as const,
        period: 'week' as const,
        observedAt: weekStart(w),
        value: w >= 5 ? 40 : 18,
      },
      {
        eventId: `acme-logins-${w}`,
        customerId,
        kind: 'usage.logins' as const,
        period: 'week' as const,
        observedAt: weekStart(w),
        value: w >= 5 ? 300 : 120,
      },
    ]),
    ...[1, 2].map((n) => ({
      eventId: `acme-ticket-${n}`,
      customerId,
      kind: 'ticket' as const,
      observedAt: new Date(Date.now() - 9 * day).toISOString(),
      ticket: {
        id: `ACME-${n}`,
        status: 'open' as const,
        priority: 'urgent' as const,
        subject: `Outage ${n}`,
      },
    })),
    {
      eventId: 'acme-nps',
      customerId,
      kind: 'survey.nps',
      observedAt: new Date(Date.now() - 12 * day).toISOString(),
      value: 3,
    },
    {
      eventId: 'acme-champion-left',
      customerId,
      kind: 'stakeholder.left',
      observedAt: new Date(Date.now() - 6 * day).toISOString(),
      value: 1,
      detail: { name: 'Dana Reyes', email: 'dana.reyes@acme-robotics.test', role: 'champion' },
    },
  ];
}

async function acmeId(): Promise<string> {
  const { items } = resultData<{ items: { id: string; name: string }[] }>(
    await callProcedure(server(), 'customers.list', { limit: 200 }, inject('token')),
  );
  const acme = items.find((c) => c.name === 'Acme Robotics');
  if (!acme) throw new Error('the fixture customer Acme Robotics is missing');
  return acme.id;
}

/**
 * The recompute runs on the server's job queue: wait for its score, the one that read the signals
 * just recorded (the demo's own score of Acme has a stakeholders driver too, with its champion in place).
 */
async function scored(customerId: string): Promise<HealthScore> {
  for (const started = Date.now(); Date.now() - started < 40_000; ) {
    const health = resultData<HealthScore | null>(
      await callProcedure(server(), 'health.forCustomer', { customerId }, inject('token')),
    );
    if (health?.drivers.some((d) => d.component === 'stakeholders' && d.facts.championLeft === 'Dana Reyes'))
      return health;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('Acme Robotics was never scored');
}

let thread: GmailThreadContext;
let health: HealthScore;
let acme: string;

beforeAll(async () => {
  const customerId = await acmeId();
  const recorded = resultData<{ accepted: number; rejected: unknown[] }>(
    await callProcedure(server(), 'signals.record', { events: slippingAcme(customerId) }, inject('token')),
  );
  expect(recorded.rejected).toEqual([]);
  // New signals ask for their customer's recompute; the admin's recompute of the org covers it either way.
  resultData(await callProcedure(server(), 'health.recompute', undefined, inject('token')));
  health = await scored(customerId);
  // The fixture thread under an id of this file's own: the thread-analysis file expects to log the
  // fixture's thread first, and opening a thread logs it.
  const fixture = await fixtureThreadContext(suite.browser);
  thread = { ...fixture, threadId: `${fixture.threadId}-health`, subject: `${fixture.subject} (health)` };
  acme = customerId;
}, 90_000);

describe('the Health tab in the Gmail sidebar, against the real backend with seeded signals', () => {
  it('shows Acme Robotics at risk, why in plain words, and its open alert, which a CSM acknowledges', async () => {
    expect(health.band).toBe('at_risk');
    const page = await openThreadInSidebar(suite.browser, thread);
    await page.getByRole('heading', { name: 'Acme Robotics', exact: true }).waitFor({ timeout: 20_000 });
    await page.getByRole('tab', { name: 'Health' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Health' });
    const summary = panel.getByRole('region', { name: 'Health score' });
    await summary.waitFor({ timeout: 20_000 });
    // Opening the thread logs it, and its sentiment asks for a recompute: the panel shows the score as it
    // was when it was read, before or after that recompute.
    const shownScore = await summary.locator('.health-score').textContent();
    const latest = resultData<HealthScore>(
      await callProcedure(server(), 'health.forCustomer', { customerId: acme }, inject('token')),
    );
    const painted = [health, latest].find((h) => `${Math.round(h.score)} / 100` === shownScore);
    expect(
      painted,
      `the panel shows ${shownScore}; the server said ${health.score}, then ${latest.score}`,
    ).toBeDefined();
    expect(await summary.locator('.band').textContent()).toBe('At risk');
    expect(await summary.getByText(/^Based on \d of 10 signals/).count()).toBe(1);

    const why = await panel
      .getByRole('region', { name: 'Why' })
      .locator('.driver-text > span:first-child')
      .allTextContents();
    const shown = (painted ?? health).drivers.filter((d) => Math.abs(d.contribution) >= 0.5).slice(0, 5);
    expect(why).toEqual(shown.map((d) => d.sentence));
    expect(why.join(' ')).toMatch(/Dana Reyes/);

    const alerts = panel.getByRole('region', { name: 'Open alerts' });
    await alerts.waitFor();
    const openBefore = await alerts.getByRole('listitem').count();
    expect(openBefore).toBeGreaterThan(0);
    await screenshots(page, 'health-tab-gmail');
    await alerts
      .getByRole('button', { name: /^Acknowledge/ })
      .first()
      .click();
    await expect
      .poll(async () => ((await alerts.count()) === 0 ? 0 : alerts.getByRole('listitem').count()), {
        timeout: 10_000,
      })
      .toBe(openBefore - 1);
    await page.close();
  });
});

describe('the settings page’s book of business and alerts, against the same backend', () => {
  it('lists the book weakest first; at risk holds Acme Robotics, whose link opens its alerts', async () => {
    const page = await suite.browser.context.newPage();
    await page.goto(`chrome-extension://${suite.browser.extensionId}/options.html#/book`);
    const table = page.getByRole('table');
    await table.waitFor({ timeout: 20_000 });
    const scores = (await table.locator('.book-score').allTextContents()).map(Number);
    expect(scores.length).toBeGreaterThan(1);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));

    await page.getByLabel('Band').selectOption({ label: 'At risk' });
    await expect
      .poll(async () => new Set(await table.locator('.band').allTextContents()), { timeout: 10_000 })
      .toEqual(new Set(['At risk']));
    await screenshots(page, 'health-book-at-risk');

    await table.getByRole('link', { name: 'Acme Robotics' }).click();
    await page.getByRole('heading', { name: 'Alerts for Acme Robotics' }).waitFor();
    const open = page.getByRole('list', { name: 'Open alerts' });
    await open.waitFor();
    expect(await open.getByRole('listitem').count()).toBeGreaterThan(0);
    await screenshots(page, 'health-alerts-acme');

    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Health model' })
      .click();
    const form = page.getByRole('form', { name: 'Health model' });
    await form.waitFor();
    expect(
      await page.getByRole('list', { name: 'Model versions' }).getByRole('listitem').count(),
    ).toBeGreaterThan(0);
    await screenshots(page, 'health-model-settings');
    await page.close();
  });
});
