import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { HealthScore } from '../../../shared/api/health.ts';
import { FakeProcedureError, type Procedure } from '../support/fake-backend.ts';
import { acmeId, aHealthScore, anAlert } from '../support/health-builders.ts';
import { me, renderSidebar } from '../support/render-sidebar.tsx';
import {
  aCustomerContext,
  aGmailThread,
  aMatch,
  aThreadAnalysis,
  aZoomRecording,
} from '../support/sidebar-builders.ts';

const acme = aCustomerContext({ id: acmeId, name: 'Acme Robotics' });

function healthSidebar(forCustomer: Procedure, procedures: Record<string, Procedure> = {}) {
  return renderSidebar({
    host: 'gmail',
    context: aGmailThread(),
    procedures: {
      'customers.context': () => aMatch(acme),
      'threads.analyze': () => aThreadAnalysis(),
      'health.forCustomer': forCustomer,
      ...procedures,
    },
  });
}

async function openHealthTab() {
  await userEvent.click(await screen.findByRole('tab', { name: 'Health' }));
  return screen.getByRole('tabpanel', { name: 'Health' });
}

describe('the Health tab', () => {
  it('shows the score with its band in words, how it moved, its 90 days and what it stands on', async () => {
    const { backend } = healthSidebar(() => aHealthScore());
    const panel = await openHealthTab();
    const summary = await within(panel).findByRole('region', { name: 'Health score' });
    expect(within(summary).getByRole('heading', { name: 'Acme Robotics' })).toBeTruthy();
    expect(summary.querySelector('.health-score')?.textContent).toBe('38 / 100');
    expect(within(summary).getByText('At risk').className).toContain('band-at_risk');
    expect(within(summary).getByText('−14 in 7 days · −22 in 30 days')).toBeTruthy();
    expect(within(summary).getByText(/Based on 6 of 9 signals/)).toBeTruthy();
    expect(within(summary).getByRole('img').getAttribute('aria-label')).toBe(
      'Score over 90 days: 72 on 22 Jan, 38 on 21 Apr',
    );
    expect(summary.querySelectorAll('polyline')).toHaveLength(1);
    expect(backend.calls.find((c) => c.path === 'health.forCustomer')?.input).toEqual({ customerId: acmeId });
  });

  it('draws each day of a history with gaps at its date, and counts the days it spans', async () => {
    const history = [
      { day: '2026-04-01', score: 80 },
      { day: '2026-04-08', score: 70 },
      { day: '2026-04-15', score: 60 },
      { day: '2026-04-16', score: 50 },
    ];
    healthSidebar(() => aHealthScore({ history }));
    const summary = await within(await openHealthTab()).findByRole('region', { name: 'Health score' });
    expect(within(summary).getByRole('img').getAttribute('aria-label')).toBe(
      'Score over 16 days: 80 on 1 Apr, 50 on 16 Apr',
    );
    const xs = (summary.querySelector('polyline')?.getAttribute('points') ?? '')
      .split(' ')
      .map((point) => Number(point.split(',')[0]));
    expect(xs).toEqual([0, 46.67, 93.33, 100]);
  });

  it('lists the drivers biggest first, with the points each adds or takes, and leaves out those that move nothing', async () => {
    healthSidebar(() => aHealthScore());
    const panel = await openHealthTab();
    const why = await within(panel).findByRole('region', { name: 'Why' });
    const drivers = within(why)
      .getAllByRole('listitem')
      .map((li) => [
        li.querySelector('.driver-points')?.textContent,
        li.querySelector('.driver-text span')?.textContent,
      ]);
    expect(drivers).toEqual([
      ['−8', 'Weekly active users down 38 % in 30 days'],
      ['−7', '2 urgent tickets open for 9 days'],
      ['+3', 'NPS 9 from Dana Reyes on 2 Apr'],
    ]);
    expect(within(why).getByText('Support tickets · critical')).toBeTruthy();
  });

  it('shows the open alert, and acknowledging it takes it away', async () => {
    const alert = anAlert();
    let acknowledged = false;
    const { backend } = healthSidebar(() => aHealthScore({ openAlerts: acknowledged ? [] : [alert] }), {
      'health.acknowledgeAlert': () => {
        acknowledged = true;
        return { ...alert, status: 'acknowledged' };
      },
    });
    const panel = await openHealthTab();
    const alerts = await within(panel).findByRole('region', { name: 'Open alerts' });
    expect(within(alerts).getByText('Score fell 14 points in 7 days (72 → 58)')).toBeTruthy();
    await userEvent.click(within(alerts).getByRole('button', { name: 'Acknowledge: Score dropped' }));
    await waitFor(() => expect(within(panel).queryByRole('region', { name: 'Open alerts' })).toBeNull());
    expect(backend.calls.find((c) => c.path === 'health.acknowledgeAlert')?.input).toEqual({
      alertId: alert.id,
    });
  });

  it('gives a viewer the alert to read, without Acknowledge', async () => {
    healthSidebar(() => aHealthScore({ openAlerts: [anAlert()] }), {
      'auth.me': () => ({ ...me, user: { ...me.user, role: 'viewer' } }),
    });
    const panel = await openHealthTab();
    const alerts = await within(panel).findByRole('region', { name: 'Open alerts' });
    expect(within(alerts).queryByRole('button')).toBeNull();
  });

  it('says there is no score yet for a customer with no signals', async () => {
    healthSidebar((): HealthScore | null => null);
    const panel = await openHealthTab();
    expect(
      await within(panel).findByText(/No health score yet — no signals for Acme Robotics\./),
    ).toBeTruthy();
  });

  it('says health needs a customer when nobody on the thread is one, and asks for no score', async () => {
    const { backend } = healthSidebar(() => aHealthScore(), {
      'customers.context': () => ({ candidates: [], customer: null, unmatchedEmails: [] }),
    });
    const panel = await openHealthTab();
    expect(await within(panel).findByRole('heading', { name: 'No customer here' })).toBeTruthy();
    expect(backend.calls.filter((c) => c.path === 'health.forCustomer')).toEqual([]);
  });

  it('says what went wrong when the score cannot be read', async () => {
    healthSidebar(() => {
      throw new FakeProcedureError('BAD_REQUEST', 'the health model is being changed');
    });
    const panel = await openHealthTab();
    expect(await within(panel).findByRole('heading', { name: 'Something went wrong' })).toBeTruthy();
    expect(within(panel).getByText('the health model is being changed')).toBeTruthy();
  });

  it('finds the customer once for the Customer and Health tabs together', async () => {
    const { backend } = renderSidebar({
      host: 'zoom',
      context: aZoomRecording(),
      procedures: { 'customers.context': () => aMatch(acme), 'health.forCustomer': () => aHealthScore() },
    });
    await screen.findByRole('region', { name: 'Account' });
    const panel = await openHealthTab();
    await within(panel).findByRole('region', { name: 'Health score' });
    expect(backend.calls.filter((c) => c.path === 'customers.context')).toHaveLength(1);
  });
});
