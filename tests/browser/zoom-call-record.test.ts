import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { CallRecordView } from '../../shared/api/call-records.ts';
import { callProcedure, resultData } from '../process/support/cscx-process.ts';
import { saveSidebarScreenshot, sidebarOf } from './support/chromium-with-extension.ts';
import { fixturePages } from './support/fixture-routes.ts';
import { fixturesDir } from './support/paths.ts';
import { signedInBrowserOnFixtures } from './support/signed-in-browser.ts';

const suite = signedInBrowserOnFixtures();
const server = () => ({ url: inject('backendUrl') });

let record: CallRecordView;

/** The Initech meeting page's number, with a transcript of that call stored through the API. */
beforeAll(async () => {
  const token = inject('token');
  const found = resultData<{ items: { id: string; name: string }[] }>(
    await callProcedure(server(), 'customers.list', { search: 'Initech', limit: 5 }, token),
  );
  const initech = found.items.find((c) => c.name === 'Initech');
  if (!initech) throw new Error('the fixture customer Initech is missing');
  resultData(
    await callProcedure(
      server(),
      'contacts.link',
      {
        email: 'marco.ruiz@initech.test',
        customerId: initech.id,
        name: 'Marco Ruiz',
        role: 'decision_maker',
      },
      token,
    ),
  );
  resultData(
    await callProcedure(
      server(),
      'contacts.link',
      { email: 'priya.n@initech.test', customerId: initech.id, name: 'Priya N.', role: 'champion' },
      token,
    ),
  );
  const stored = resultData<{ record: CallRecordView }>(
    await callProcedure(
      server(),
      'meetings.importTranscript',
      {
        text: readFileSync(path.join(fixturesDir, 'transcripts/zoom-renewal-call.vtt'), 'utf8'),
        customerId: initech.id,
        conferenceId: '84400012345',
        title: 'Initech renewal call',
        occurredAt: '2026-11-24T15:00:00Z',
      },
      token,
    ),
  );
  record = stored.record;
}, 60_000);

describe('the Call tab on a Zoom meeting page', () => {
  it('shows the call record of the seeded transcript, and its follow-up is proposed to the customer', async () => {
    const page = await suite.browser.context.newPage();
    await page.goto(fixturePages.zoomMeeting.url);
    const sidebar = sidebarOf(page);
    await sidebar.getByRole('tab', { name: 'Call' }).click();
    const panel = sidebar.getByRole('tabpanel', { name: 'Call' });
    await panel.getByRole('heading', { name: 'Initech renewal call' }).waitFor({ timeout: 20_000 });

    await expect(panel.getByRole('region', { name: 'Summary' }).textContent()).resolves.toContain(
      record.analysis.summary.slice(0, 40),
    );
    const decisions = await panel.getByRole('region', { name: 'Decisions' }).locator('li').allTextContents();
    expect(decisions).toEqual(record.analysis.decisions.map((d) => d.text));
    const items = panel.getByRole('region', { name: 'Action items' });
    const owned = record.analysis.actionItems.find((i) => i.owner && i.due);
    expect(owned).toBeDefined();
    await expect(items.getByText(owned?.text ?? '').count()).resolves.toBe(1);
    await expect(items.textContent()).resolves.toContain(`${owned?.owner} · due`);
    const meters = panel.getByRole('region', { name: 'Speakers' }).locator('meter');
    await expect(meters.count()).resolves.toBe(record.analysis.speakers.length);
    await expect(panel.getByRole('region', { name: 'Signals' }).textContent()).resolves.toMatch(/Risk: /);
    await saveSidebarScreenshot(page, 'zoom-call-record');

    // Zoom's "Priya Natarajan" is the contact "Priya N.": fixed here, and remembered.
    await panel
      .getByRole('combobox', { name: 'Who is Priya Natarajan?' })
      .selectOption({ label: 'Priya N.' });
    await expect
      .poll(async () => {
        const shown = resultData<{ record: CallRecordView | null }>(
          await callProcedure(server(), 'meetings.callRecord', { id: record.id }, inject('token')),
        );
        return shown.record?.speakers.find((s) => s.speaker === 'Priya Natarajan')?.how;
      })
      .toBe('manual');

    await panel.getByRole('button', { name: 'Draft follow-up' }).click();
    await panel.getByText('Follow-up email waiting in the Inbox for approval.').waitFor({ timeout: 20_000 });
    const waiting = resultData<{ kind: string; status: string; payload: { to: string[]; body: string } }[]>(
      await callProcedure(server(), 'actions.list', { state: 'pending' }, inject('token')),
    );
    const followUp = waiting.find(
      (a) => a.kind === 'email.send' && a.payload.to.includes('marco.ruiz@initech.test'),
    );
    expect(followUp).toMatchObject({ status: 'proposed' });
    for (const decision of record.analysis.decisions) expect(followUp?.payload.body).toContain(decision.text);
    await page.close();
  });
});
