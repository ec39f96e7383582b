import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ActionView } from '../../../shared/api/actions.ts';
import { renderSidebar } from '../support/render-sidebar.tsx';
import { aDoneEvent, scriptedDraft } from '../support/scripted-draft.ts';
import { aCustomerContext, aGmailThread, aMatch, aThreadAnalysis } from '../support/sidebar-builders.ts';

const acme = aCustomerContext({ name: 'Acme Robotics' });

function anAction(
  input: { payload: Record<string, unknown> },
  overrides: Partial<ActionView> = {},
): ActionView {
  return {
    id: '00000000-0000-4000-8000-0000000ac710',
    kind: 'email.send',
    payload: input.payload,
    originalPayload: input.payload,
    editedPayload: null,
    customerId: acme.id,
    forUserId: '00000000-0000-4000-8000-00000000aaaa',
    proposedBy: {
      feature: 'sidebar',
      aiRunId: null,
      rule: null,
      userId: '00000000-0000-4000-8000-00000000aaaa',
    },
    untrusted: true,
    reason: 'Reply drafted with CSCX',
    risk: 'medium',
    status: 'proposed',
    policyDecision: 'asked: policy “always ask” for email.send, risk medium',
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

async function aFinishedDraft() {
  const draft = scriptedDraft();
  let proposed: { payload: Record<string, unknown> } | undefined;
  const sidebar = renderSidebar({
    host: 'gmail',
    context: aGmailThread(),
    procedures: {
      'customers.context': () => aMatch(acme),
      'threads.analyze': () => aThreadAnalysis(),
      'actions.propose': (input) => {
        proposed = input as { payload: Record<string, unknown> };
        return anAction(proposed);
      },
      'actions.approve': () => anAction(proposed ?? { payload: {} }, { status: 'approved' }),
      'actions.reject': () => anAction(proposed ?? { payload: {} }, { status: 'rejected' }),
    },
    streams: { 'drafts.generate': draft.stream },
  });
  await userEvent.click(await screen.findByRole('tab', { name: 'Draft' }));
  await userEvent.click(await screen.findByRole('button', { name: 'Draft' }));
  await waitFor(() => expect(draft.calls).toHaveLength(1));
  draft.emit({ type: 'text', text: 'Hi Dana,\n\nThe quote follows.\n\nSam' }, aDoneEvent());
  const section = await screen.findByRole('region', { name: 'Send via approval' });
  return { sidebar, section, proposedInput: () => proposed };
}

describe('Send via approval in the Draft tab', () => {
  it('proposes the draft as a reply in its thread to the latest other sender, and sends nothing yet', async () => {
    const { sidebar, section, proposedInput } = await aFinishedDraft();
    await userEvent.click(within(section).getByRole('button', { name: 'Send via approval' }));
    expect(
      await within(section).findByText('Waiting for approval: to dana.reyes@acme-robotics.test.'),
    ).toBeTruthy();
    expect(proposedInput()).toMatchObject({
      kind: 'email.send',
      customerId: acme.id,
      payload: {
        to: ['dana.reyes@acme-robotics.test'],
        subject: 'Re: Renewal terms and SSO rollout',
        body: 'Hi Dana,\n\nThe quote follows.\n\nSam',
        threadId: '18f3a2b4c5d6e7f8',
        draftId: aDoneEvent().draftId,
      },
    });
    expect(sidebar.backend.calls.some((c) => c.path === 'actions.approve')).toBe(false);
  });

  it('schedules the send for the time typed, once approved', async () => {
    const { section, proposedInput } = await aFinishedDraft();
    await userEvent.type(within(section).getByLabelText('Send at (optional)'), '2026-12-02T09:30');
    await userEvent.click(within(section).getByRole('button', { name: 'Schedule send via approval' }));
    await userEvent.click(await within(section).findByRole('button', { name: 'Approve and send' }));
    expect(await within(section).findByText(/^Approved: sends to dana.* at /)).toBeTruthy();
    expect(proposedInput()?.payload.sendAt).toBe(new Date('2026-12-02T09:30').toISOString());
  });

  it('approves it on Approve and send, or cancels it', async () => {
    const approving = await aFinishedDraft();
    await userEvent.click(within(approving.section).getByRole('button', { name: 'Send via approval' }));
    await userEvent.click(await within(approving.section).findByRole('button', { name: 'Approve and send' }));
    expect(await within(approving.section).findByText(/^Approved: sending to dana/)).toBeTruthy();
    approving.sidebar.unmount();

    const cancelling = await aFinishedDraft();
    await userEvent.click(within(cancelling.section).getByRole('button', { name: 'Send via approval' }));
    await userEvent.click(await within(cancelling.section).findByRole('button', { name: 'Cancel' }));
    expect(await within(cancelling.section).findByText('Cancelled: nothing was sent.')).toBeTruthy();
    expect(cancelling.sidebar.backend.calls.find((c) => c.path === 'actions.reject')?.input).toMatchObject({
      note: 'cancelled from the Draft tab',
    });
  });
});
