import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type {
  HealthBookInput,
  HealthModel,
  HealthModelInput,
  healthAlertsInput,
} from '../../../shared/api/health.ts';
import type { Procedure } from '../support/fake-backend.ts';
import { aBookEntry, aCalibration, aHealthModel, anAlert } from '../support/health-builders.ts';
import { aMember, callsTo, meAs, renderSettings } from '../support/render-settings.tsx';

const admin = meAs({ role: 'admin', email: 'admin@cscx.localhost', name: 'Alex Admin' });
const csm = meAs({ role: 'csm' });
const jo = aMember({ name: 'Jo Park', email: 'jo@cscx.localhost' });

/** A backend holding the org's model versions: each save appends one, by the signed-in admin. */
function modelBackend() {
  const versions: HealthModel[] = [aHealthModel()];
  const current = () => versions.at(-1) ?? aHealthModel();
  return {
    'users.list': () => [admin.user, jo],
    'health.model': () => current(),
    'health.versions': () => versions,
    'health.calibration': () => null,
    'health.updateModel': (input: unknown) => {
      const saved: HealthModel = {
        ...(input as HealthModelInput),
        version: current().version + 1,
        source: 'admin',
        createdBy: admin.user.id,
        createdAt: '2026-04-22T09:00:00.000Z',
      };
      versions.push(saved);
      return saved;
    },
  } satisfies Record<string, Procedure>;
}

function renderAt(at: string, me: ReturnType<typeof meAs>, procedures: Record<string, Procedure>) {
  return renderSettings({ at, procedures: { 'auth.me': () => me, ...procedures } });
}

async function setField(form: HTMLElement, label: string, value: string) {
  const input = within(form).getByLabelText(label);
  await userEvent.clear(input);
  await userEvent.type(input, value);
}

describe('the Health model section', () => {
  it('lets an admin change weights and bands, saved as a new version shown with its author', async () => {
    const { backend } = renderAt('#/health', admin, modelBackend());
    const form = await screen.findByRole('form', { name: 'Health model' });
    expect((within(form).getByLabelText('Product usage') as HTMLInputElement).value).toBe('25');
    await setField(form, 'Product usage', '40');
    await setField(form, 'Healthy from', '75');
    await setField(form, 'Drop alert (points)', '8');
    await userEvent.click(within(form).getByRole('button', { name: 'Save as a new version' }));
    expect(
      await within(form).findByText(
        'Saved as version 2. Every score is being recomputed with it.',
        {},
        { timeout: 5_000 },
      ),
    ).toBeTruthy();
    const sent = callsTo(backend, 'health.updateModel')[0]?.input as HealthModelInput;
    expect(sent.weights.usage).toBe(40);
    expect(sent.weights.support).toBe(15);
    expect(sent.thresholds).toEqual({ healthy: 75, atRisk: 45 });
    expect(sent.dropAlertPoints).toBe(8);
    const versions = screen.getByRole('list', { name: 'Model versions' });
    await waitFor(() => expect(within(versions).getAllByRole('listitem')).toHaveLength(2), {
      timeout: 5_000,
    });
    const [newest, first] = within(versions).getAllByRole('listitem');
    expect(newest?.textContent).toMatch(/^Version 2 \(in use\)Set by an admin · Alex Admin · /);
    expect(first?.textContent).toMatch(/^Version 1Default · CSCX · /);
  });

  it('lets an admin recompute every score now, as a background job', async () => {
    const { backend } = renderAt('#/health', admin, {
      ...modelBackend(),
      'health.recompute': () => ({ jobId: '00000000-0000-4000-8000-0000000j0b02', enqueued: true }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Recompute every score now' }));
    const status = await screen.findByText(/^Recomputing: progress in/);
    expect(within(status).getByRole('link', { name: 'Background jobs' }).getAttribute('href')).toBe('#/jobs');
    expect(callsTo(backend, 'health.recompute')).toHaveLength(1);
  });

  it('shows each weight’s share of the total as the admin types', async () => {
    renderAt('#/health', admin, modelBackend());
    const form = await screen.findByRole('form', { name: 'Health model' });
    const shareOf = (label: string) =>
      within(form).getByLabelText(label).closest('.weight')?.querySelector('.share')?.textContent;
    expect(shareOf('Product usage')).toBe('25 %');
    await setField(form, 'Product usage', '125');
    expect(await within(form).findByText('Each weight is a number from 0 to 100.')).toBeTruthy();
    await setField(form, 'Product usage', '0');
    expect(shareOf('Support tickets')).toBe('20 %');
  });

  it('refuses bands out of order or every weight at 0 before asking the server', async () => {
    const { backend } = renderAt('#/health', admin, modelBackend());
    const form = await screen.findByRole('form', { name: 'Health model' });
    await setField(form, 'At risk below', '80');
    expect(await within(form).findByText('The at-risk line must be below the healthy one.')).toBeTruthy();
    expect(within(form).getByRole('button', { name: 'Save as a new version' }).hasAttribute('disabled')).toBe(
      true,
    );
    await setField(form, 'At risk below', '45');
    for (const label of [
      'Product usage',
      'Support tickets',
      'NPS and CSAT',
      'Email sentiment',
      'Call signals',
      'Meetings and touches',
      'Stakeholders',
      'Renewal',
      'Billing',
    ])
      await setField(form, label, '0');
    expect(await within(form).findByText('At least one weight must be above 0.')).toBeTruthy();
    expect(callsTo(backend, 'health.updateModel')).toEqual([]);
  });

  it('shows a CSM the model to read, with no form', async () => {
    renderAt('#/health', csm, modelBackend());
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('row', { name: 'Product usage 25 25 %' })).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Health model' })).toBeNull();
    expect(screen.getByText(/Healthy from 70; at risk below 45\. A fall of 10 points/)).toBeTruthy();
  });
});

describe('the Calibration part of the Health model section', () => {
  it('shows the last run’s figures before and after on held-out customers, and an admin adopts the fitted weights', async () => {
    let calibration = aCalibration();
    const { backend } = renderAt('#/health', admin, {
      ...modelBackend(),
      'health.calibration': () => calibration,
      'health.adoptCalibration': () => {
        calibration = { ...calibration, adoptedVersion: 2, adoptedAt: '2026-04-22T09:00:00.000Z' };
        return { calibration, model: aHealthModel({ version: 2, source: 'calibrated' }) };
      },
    });
    const figures = await screen.findByRole('table', { name: 'Calibration figures' });
    expect(within(figures).getByRole('row', { name: 'ROC-AUC (higher is better) 0.712 0.781' })).toBeTruthy();
    expect(within(figures).getByRole('row', { name: 'Brier (lower is better) 0.191 0.162' })).toBeTruthy();
    const weights = screen.getByRole('table', { name: 'Fitted weights' });
    expect(within(weights).getByRole('row', { name: 'Product usage 25 % 38 %' })).toBeTruthy();
    expect(
      screen.getByText(/fitted on 80 customers with a known outcome, checked on 40 held out/),
    ).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Adopt the fitted weights' }));
    expect(await screen.findByText('Adopted as version 2.', {}, { timeout: 5_000 })).toBeTruthy();
    expect(callsTo(backend, 'health.adoptCalibration')[0]?.input).toEqual({ calibrationId: calibration.id });
    expect(screen.queryByRole('button', { name: 'Adopt the fitted weights' })).toBeNull();
  });

  it('runs a new calibration in the background and shows its result once it is done', async () => {
    let calibration: ReturnType<typeof aCalibration> | null = null;
    const { backend } = renderAt('#/health', admin, {
      ...modelBackend(),
      'health.calibration': () => calibration,
      'health.calibrate': () => {
        calibration = aCalibration();
        return { jobId: '00000000-0000-4000-8000-0000000j0b01', enqueued: true };
      },
    });
    expect(await screen.findByText('No calibration yet.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Calibrate now' }));
    expect(await screen.findByText(/Calibrating… the result shows here when it is done/)).toBeTruthy();
    expect(
      await screen.findByRole('table', { name: 'Calibration figures' }, { timeout: 5_000 }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Calibrate now' })).toBeTruthy();
    expect(callsTo(backend, 'health.calibrate')).toHaveLength(1);
  });

  it('shows a CSM the last calibration, with nothing to adopt or run', async () => {
    renderAt('#/health', csm, { ...modelBackend(), 'health.calibration': () => aCalibration() });
    expect(await screen.findByRole('table', { name: 'Calibration figures' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Adopt the fitted weights' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Calibrate now' })).toBeNull();
  });

  it('says when no signal told churn apart, and offers nothing to adopt', async () => {
    renderAt('#/health', admin, {
      ...modelBackend(),
      'health.calibration': () =>
        aCalibration({ fitted: false, after: { rocAuc: null, prAuc: null, brier: null } }),
    });
    expect(await screen.findByText(/No signal told churn apart in these outcomes/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Adopt the fitted weights' })).toBeNull();
  });
});

describe('the Book of business section', () => {
  const book = [
    aBookEntry({ customerName: 'Acme Robotics', score: 31.6, band: 'at_risk', ownerId: jo.id }),
    aBookEntry({
      customerName: 'Initech',
      score: 58,
      band: 'watch',
      deltas: { d7: 3, d30: null, d90: null },
      topConcern: null,
      openAlerts: 0,
      ownerId: null,
    }),
  ];

  it('lists customers as the server sorts them, weakest first, each with its band in words and a link', async () => {
    renderAt('#/book', csm, {
      'users.list': () => [jo],
      'health.book': () => ({ items: book, nextCursor: null }),
    });
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent))).toEqual([
      [
        'Acme Robotics$84,000 ARR',
        '32 At risk',
        '−14',
        'Jun 1, 2026',
        'Jo Park',
        'Weekly active users down 38 % in 30 days · 1 open alert',
      ],
      ['Initech$84,000 ARR', '58 Watch', '+3', 'Jun 1, 2026', 'Unassigned', '—'],
    ]);
    expect(within(table).getByRole('link', { name: 'Acme Robotics' }).getAttribute('href')).toBe(
      `#/alerts?customer=${book[0]?.customerId}`,
    );
  });

  it('asks the server for the band, owner and renewal window chosen', async () => {
    const { backend } = renderAt('#/book', csm, {
      'users.list': () => [jo],
      'health.book': () => ({ items: book, nextCursor: null }),
    });
    await screen.findByRole('table');
    await userEvent.selectOptions(screen.getByLabelText('Band'), 'At risk');
    await userEvent.selectOptions(screen.getByLabelText('Owner'), 'Jo Park');
    await userEvent.selectOptions(screen.getByLabelText('Renewal'), 'Within 90 days');
    await waitFor(() =>
      expect(callsTo(backend, 'health.book').at(-1)?.input).toEqual({
        limit: 50,
        band: 'at_risk',
        ownerId: jo.id,
        renewalWithinDays: 90,
      }),
    );
    expect(callsTo(backend, 'health.book')[0]?.input).toEqual({ limit: 50 });
  });

  it('shows more of a long book from the cursor the server gave', async () => {
    const { backend } = renderAt('#/book', csm, {
      'users.list': () => [jo],
      'health.book': (input) =>
        (input as HealthBookInput).cursor === 'after-acme'
          ? { items: book.slice(1), nextCursor: null }
          : { items: book.slice(0, 1), nextCursor: 'after-acme' },
    });
    await screen.findByRole('link', { name: 'Acme Robotics' });
    await userEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(await screen.findByRole('link', { name: 'Initech' })).toBeTruthy();
    expect(callsTo(backend, 'health.book')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });
});

describe('the Health alerts section', () => {
  type AlertsInput = z.input<typeof healthAlertsInput>;

  it('lists open alerts; acknowledging one moves it to the acknowledged list, with who did it', async () => {
    const alert = anAlert({ customerName: 'Acme Robotics' });
    let acknowledged = false;
    const { backend } = renderAt('#/alerts', admin, {
      'users.list': () => [admin.user],
      'health.alerts': (input) => {
        const wanted = (input as AlertsInput).status;
        const now = acknowledged
          ? {
              ...alert,
              status: 'acknowledged' as const,
              acknowledgedBy: admin.user.id,
              acknowledgedAt: '2026-04-22T10:00:00.000Z',
            }
          : alert;
        return { items: now.status === wanted ? [now] : [] };
      },
      'health.acknowledgeAlert': () => {
        acknowledged = true;
        return { ...alert, status: 'acknowledged', acknowledgedBy: admin.user.id };
      },
    });
    const open = await screen.findByRole('list', { name: 'Open alerts' });
    expect(within(open).getByText('Score fell 14 points in 7 days (72 → 58)')).toBeTruthy();
    expect(within(open).getByText('Why: Weekly active users down 38 % in 30 days')).toBeTruthy();
    await userEvent.click(
      within(open).getByRole('button', { name: 'Acknowledge Acme Robotics: Score dropped' }),
    );
    expect(await screen.findByText('No open alerts.')).toBeTruthy();
    expect(callsTo(backend, 'health.acknowledgeAlert')[0]?.input).toEqual({ alertId: alert.id });

    await userEvent.click(screen.getByLabelText('Acknowledged'));
    const done = await screen.findByRole('list', { name: 'Acknowledged alerts' });
    expect(within(done).getByText(/acknowledged .* by Alex Admin/)).toBeTruthy();
    expect(within(done).queryByRole('button')).toBeNull();
  });

  it('lists one customer’s alerts when the book links to them', async () => {
    const alert = anAlert({ customerName: 'Acme Robotics' });
    const { backend } = renderAt(`#/alerts?customer=${alert.customerId}`, csm, {
      'health.alerts': () => ({ items: [alert] }),
    });
    expect(await screen.findByRole('heading', { name: 'Alerts for Acme Robotics' })).toBeTruthy();
    expect(callsTo(backend, 'health.alerts')[0]?.input).toEqual({
      status: 'open',
      customerId: alert.customerId,
    });
  });

  it('gives a viewer the alerts to read, without Acknowledge', async () => {
    renderAt('#/alerts', meAs({ role: 'viewer' }), { 'health.alerts': () => ({ items: [anAlert()] }) });
    const open = await screen.findByRole('list', { name: 'Open alerts' });
    expect(within(open).queryByRole('button')).toBeNull();
  });
});
