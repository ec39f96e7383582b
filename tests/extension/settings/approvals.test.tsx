import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type {
  ActionPolicy,
  ListActionsInput,
  ListedAction,
  PolicyView,
} from '../../../shared/api/actions.ts';
import { callsTo, meAs, renderSettings } from '../support/render-settings.tsx';
import { me } from '../support/render-sidebar.tsx';

const admin = meAs({ role: 'admin' });

function aProposedTask(overrides: Partial<ListedAction> = {}): ListedAction {
  const payload = { title: 'Send the QBR deck' };
  return {
    id: '00000000-0000-4000-8000-0000000ac801',
    kind: 'task.create',
    payload,
    originalPayload: payload,
    editedPayload: null,
    customerId: '00000000-0000-4000-8000-0000000000a1',
    customerName: 'Acme Robotics',
    forUserId: me.user.id,
    proposedBy: { feature: 'meetings', aiRunId: null, rule: null, userId: null },
    untrusted: true,
    reason: 'Promised on the QBR call',
    risk: 'low',
    status: 'proposed',
    policyDecision:
      'asked: it came from untrusted text, whatever policy “run alone up to low risk” allows (risk low)',
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    attempts: 0,
    lastError: null,
    outcome: null,
    createdAt: '2026-12-01T10:00:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}

function thePolicy(): PolicyView {
  return {
    policies: [
      { kind: 'email.send', mode: 'ask', isDefault: true },
      { kind: 'task.create', mode: 'auto', upToRisk: 'low', isDefault: true },
    ],
  };
}

function approvalsAs(who: typeof admin) {
  let policy = thePolicy();
  return renderSettings({
    at: '#/approvals',
    procedures: {
      'auth.me': () => who,
      'actions.list': (input) => ((input as ListActionsInput).state === 'pending' ? [aProposedTask()] : []),
      'actions.approve': () => ({ ...aProposedTask(), status: 'approved' }),
      'actions.policy': () => policy,
      'actions.updatePolicy': (input) => {
        const next = input as ActionPolicy;
        policy = {
          policies: policy.policies.map((p) => (p.kind === next.kind ? { ...next, isDefault: false } : p)),
        };
        return policy;
      },
    },
  });
}

describe('the settings page’s Approvals', () => {
  it('lists what waits with the sidebar’s card and approves it through the same mutation', async () => {
    const page = approvalsAs(meAs({ role: 'csm' }));
    const card = await screen.findByRole('listitem', { name: 'Create a task · Acme Robotics' });
    expect(within(card).getByText('Promised on the QBR call')).toBeTruthy();
    await userEvent.click(within(card).getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(callsTo(page.backend, 'actions.approve').map((c) => c.input)).toEqual([
        { id: aProposedTask().id },
      ]),
    );
    // A CSM has no policy to edit, and no view of the whole org.
    expect(screen.queryByRole('region', { name: 'Approval policy' })).toBeNull();
    expect(screen.queryByRole('radio', { name: 'Everyone’s' })).toBeNull();
  });

  it('lets an admin list the whole org’s queue', async () => {
    const page = approvalsAs(admin);
    await userEvent.click(await screen.findByRole('radio', { name: 'Everyone’s' }));
    await waitFor(() =>
      expect(callsTo(page.backend, 'actions.list').map((c) => (c.input as ListActionsInput).scope)).toContain(
        'all',
      ),
    );
  });

  it('saves an admin’s policy for a kind: run email alone up to low risk', async () => {
    const page = approvalsAs(admin);
    const row = await screen.findByRole('form', { name: 'Policy: Send an email' });
    expect(within(row).getByText('· the default')).toBeTruthy();
    const save = within(row).getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await userEvent.selectOptions(within(row).getByLabelText('When proposed'), 'auto');
    await userEvent.selectOptions(within(row).getByLabelText('Highest risk that runs alone'), 'low');
    await userEvent.click(save);
    expect(await within(row).findByRole('status')).toBeTruthy();
    expect(callsTo(page.backend, 'actions.updatePolicy').map((c) => c.input)).toEqual([
      { kind: 'email.send', mode: 'auto', upToRisk: 'low' },
    ]);
    expect(within(row).queryByText('· the default')).toBeNull();
  });
});
