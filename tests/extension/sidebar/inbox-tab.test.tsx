import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ListActionsInput, ListedAction } from '../../../shared/api/actions.ts';
import type { MemberOutput } from '../../../shared/api/auth.ts';
import type { HealthAlert } from '../../../shared/api/health.ts';
import { FakeProcedureError } from '../support/fake-backend.ts';
import { anAlert } from '../support/health-builders.ts';
import { me, renderSidebar } from '../support/render-sidebar.tsx';

const colleague = '00000000-0000-4000-8000-00000000cccc';
const acmeId = '00000000-0000-4000-8000-0000000000a1';

function anAction(overrides: Partial<ListedAction> = {}): ListedAction {
  const payload = overrides.payload ?? {
    to: ['dana@acme.example'],
    cc: ['ops@acme.example'],
    references: [],
    subject: 'Re: Renewal',
    body: 'Hi Dana,\n\n<b>The quote</b> is attached.',
    threadId: 'thread-1',
  };
  return {
    id: '00000000-0000-4000-8000-0000000ac701',
    kind: 'email.send',
    payload,
    originalPayload: payload,
    editedPayload: null,
    customerId: acmeId,
    customerName: 'Acme Robotics',
    forUserId: me.user.id,
    proposedBy: {
      feature: 'drafts',
      aiRunId: '00000000-0000-4000-8000-0000000a1a1a',
      rule: null,
      userId: null,
    },
    untrusted: true,
    reason: 'Dana asked for the renewal quote',
    risk: 'high',
    status: 'proposed',
    policyDecision: 'asked: policy “always ask” for email.send, risk high',
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

const aTask = (overrides: Partial<ListedAction> = {}) =>
  anAction({
    id: '00000000-0000-4000-8000-0000000ac702',
    kind: 'task.create',
    payload: { title: 'Send the QBR deck' },
    risk: 'low',
    reason: 'Follow up after the QBR',
    ...overrides,
  });

/** A proposed event of 15:00–15:30 UTC on 3 Dec, in Europe/London, with a Meet link. */
const anEvent = (payload: Record<string, unknown> = {}) =>
  anAction({
    id: '00000000-0000-4000-8000-0000000ac704',
    kind: 'calendar.create_event',
    risk: 'medium',
    payload: {
      summary: 'Renewal review',
      start: { dateTime: '2026-12-03T15:00:00.000Z', timeZone: 'Europe/London' },
      end: { dateTime: '2026-12-03T15:30:00.000Z', timeZone: 'Europe/London' },
      attendees: ['dana@acme.example'],
      conference: true,
      ...payload,
    },
  });

const aFieldChange = (payload: Record<string, unknown>, id = '00000000-0000-4000-8000-0000000ac706') =>
  anAction({ id, kind: 'customer.update_field', risk: 'low', payload, reason: 'Said on the QBR call' });

const inNewYork = { ...me, user: { ...me.user, timeZone: 'America/New_York' } };

const member = (id: string, email: string, name: string): MemberOutput => ({
  ...me.user,
  id,
  email,
  name,
  pending: false,
  invitedAt: null,
  invitationExpiresAt: null,
});

interface InboxLists {
  mine?: ListedAction[];
  customers?: ListedAction[];
  history?: ListedAction[];
  alerts?: HealthAlert[];
}

function inboxWith(lists: InboxLists, user = me) {
  return renderSidebar({
    host: null,
    lastTab: 'inbox',
    procedures: {
      'users.list': () => [
        member(me.user.id, me.user.email, me.user.name),
        member(colleague, 'lee@cscx.localhost', 'Lee'),
      ],
      'actions.list': (input) => {
        const { scope, state } = input as ListActionsInput;
        if (state === 'history') return lists.history ?? [];
        return (scope === 'mine' ? lists.mine : lists.customers) ?? [];
      },
      'actions.approve': (input) => ({ ...anAction(), id: (input as { id: string }).id, status: 'approved' }),
      'actions.edit': () => ({ ...anAction(), status: 'edited' }),
      'actions.reject': () => ({ ...anAction(), status: 'rejected' }),
      'actions.bulkApprove': (input) => ({ approved: (input as { ids: string[] }).ids, skipped: [] }),
      'health.alerts': () => ({ items: lists.alerts ?? [] }),
      'health.acknowledgeAlert': (input) => ({
        ...anAlert(),
        id: (input as { alertId: string }).alertId,
        status: 'acknowledged',
      }),
      'auth.me': () => user,
    },
  });
}

const callsTo = (sidebar: ReturnType<typeof inboxWith>, path: string) =>
  sidebar.backend.calls.filter((c) => c.path === path).map((c) => c.input);

describe('the Inbox tab', () => {
  it('previews a proposed email with its sender, recipients, subject and body as plain text', async () => {
    inboxWith({ mine: [anAction()] });
    const card = await screen.findByRole('listitem', { name: 'Send an email · Acme Robotics' });
    const preview = within(card).getByRole('figure', { name: 'Email preview' });
    expect(within(preview).getByText('csm@cscx.localhost')).toBeTruthy();
    expect(within(preview).getByText('dana@acme.example')).toBeTruthy();
    expect(within(preview).getByText('ops@acme.example')).toBeTruthy();
    expect(within(preview).getByText('Re: Renewal')).toBeTruthy();
    // The body's markup is shown as the characters it is, never made into elements.
    expect(preview.querySelector('b')).toBeNull();
    expect(preview.textContent).toContain('<b>The quote</b> is attached.');
    expect(within(card).getByText('High risk')).toBeTruthy();
    expect(within(card).getByText('Dana asked for the renewal quote')).toBeTruthy();
    expect(within(card).getByText(/^Drafting · with AI/)).toBeTruthy();
    expect(within(card).getByText('asked: policy “always ask” for email.send, risk high')).toBeTruthy();
  });

  it('approves the email as edited: its body and copies changed, its recipient and thread kept', async () => {
    const sidebar = inboxWith({ mine: [anAction()] });
    const card = await screen.findByRole('listitem', { name: 'Send an email · Acme Robotics' });
    await userEvent.click(within(card).getByRole('button', { name: 'Edit' }));
    const form = within(card).getByRole('form', { name: 'Edit before approving' });
    await userEvent.clear(within(form).getByLabelText('Body'));
    await userEvent.type(within(form).getByLabelText('Body'), 'Hi Dana, here it is.');
    await userEvent.clear(within(form).getByLabelText('Cc'));
    await userEvent.click(within(form).getByRole('button', { name: 'Approve as edited' }));
    await waitFor(() => expect(callsTo(sidebar, 'actions.edit')).toHaveLength(1));
    expect(callsTo(sidebar, 'actions.edit')[0]).toMatchObject({
      id: anAction().id,
      kind: 'email.send',
      payload: { to: ['dana@acme.example'], cc: [], body: 'Hi Dana, here it is.', threadId: 'thread-1' },
    });
  });

  it('schedules the email for a time typed in the user’s own zone, and sends a scheduled one at once when emptied', async () => {
    const now = anAction();
    const later = anAction({
      id: '00000000-0000-4000-8000-0000000ac708',
      payload: { ...anAction().payload, sendAt: '2026-12-04T14:00:00.000Z' },
    });
    const sidebar = inboxWith({ mine: [now, later] }, inNewYork);
    const [nowCard, laterCard] = await screen.findAllByRole('listitem', {
      name: 'Send an email · Acme Robotics',
    });
    if (!nowCard || !laterCard) throw new Error('two emails listed');
    await userEvent.click(within(nowCard).getByRole('button', { name: 'Edit' }));
    const sendAt = within(nowCard).getByLabelText('Send at (America/New_York)') as HTMLInputElement;
    expect(sendAt.value).toBe('');
    fireEvent.change(sendAt, { target: { value: '2026-12-04T09:00' } });
    await userEvent.click(within(nowCard).getByRole('button', { name: 'Approve as edited' }));
    await userEvent.click(within(laterCard).getByRole('button', { name: 'Edit' }));
    const scheduled = within(laterCard).getByLabelText('Send at (America/New_York)') as HTMLInputElement;
    expect(scheduled.value).toBe('2026-12-04T09:00');
    fireEvent.change(scheduled, { target: { value: '' } });
    await userEvent.click(within(laterCard).getByRole('button', { name: 'Approve as edited' }));
    await waitFor(() => expect(callsTo(sidebar, 'actions.edit')).toHaveLength(2));
    const [first, second] = callsTo(sidebar, 'actions.edit') as { payload: Record<string, unknown> }[];
    expect(first?.payload.sendAt).toBe('2026-12-04T14:00:00.000Z');
    expect(second?.payload).not.toHaveProperty('sendAt');
  });

  it('keeps an edit that breaks the email’s schema from the server, and says why', async () => {
    const sidebar = inboxWith({ mine: [anAction()] });
    const card = await screen.findByRole('listitem', { name: 'Send an email · Acme Robotics' });
    await userEvent.click(within(card).getByRole('button', { name: 'Edit' }));
    await userEvent.clear(within(card).getByLabelText('To'));
    await userEvent.type(within(card).getByLabelText('To'), 'not an address');
    await userEvent.click(within(card).getByRole('button', { name: 'Approve as edited' }));
    expect(await within(card).findByRole('alert')).toBeTruthy();
    expect(callsTo(sidebar, 'actions.edit')).toHaveLength(0);
  });

  it('moves a proposed event to another time typed in the user’s own zone, its length and its zone kept', async () => {
    const event = anEvent();
    const sidebar = inboxWith({ mine: [event] }, inNewYork);
    const card = await screen.findByRole('listitem', { name: 'Create a calendar event · Acme Robotics' });
    await userEvent.click(within(card).getByRole('button', { name: 'Edit' }));
    const starts = within(card).getByLabelText('Starts (America/New_York)') as HTMLInputElement;
    const ends = within(card).getByLabelText('Ends (America/New_York)') as HTMLInputElement;
    // 15:00 UTC is 10:00 in New York in December.
    expect([starts.value, ends.value]).toEqual(['2026-12-03T10:00', '2026-12-03T10:30']);
    fireEvent.change(starts, { target: { value: '2026-12-04T14:00' } });
    expect(ends.value).toBe('2026-12-04T14:30');
    await userEvent.click(within(card).getByRole('button', { name: 'Approve as edited' }));
    await waitFor(() => expect(callsTo(sidebar, 'actions.edit')).toHaveLength(1));
    expect(callsTo(sidebar, 'actions.edit')[0]).toMatchObject({
      id: event.id,
      kind: 'calendar.create_event',
      payload: {
        summary: 'Renewal review',
        start: { dateTime: '2026-12-04T19:00:00.000Z', timeZone: 'Europe/London' },
        end: { dateTime: '2026-12-04T19:30:00.000Z', timeZone: 'Europe/London' },
        attendees: ['dana@acme.example'],
        conference: true,
      },
    });
  });

  it('keeps an event that would end before it starts, or has no start, from the server, and says why', async () => {
    const sidebar = inboxWith({ mine: [anEvent()] }, inNewYork);
    const card = await screen.findByRole('listitem', { name: 'Create a calendar event · Acme Robotics' });
    await userEvent.click(within(card).getByRole('button', { name: 'Edit' }));
    fireEvent.change(within(card).getByLabelText('Ends (America/New_York)'), {
      target: { value: '2026-12-03T09:00' },
    });
    await userEvent.click(within(card).getByRole('button', { name: 'Approve as edited' }));
    expect((await within(card).findByRole('alert')).textContent).toBe('end: the event ends after it starts');
    fireEvent.change(within(card).getByLabelText('Starts (America/New_York)'), { target: { value: '' } });
    await userEvent.click(within(card).getByRole('button', { name: 'Approve as edited' }));
    expect(within(card).getByRole('alert').textContent).toBe('Starts: enter a date and a time');
    expect(callsTo(sidebar, 'actions.edit')).toHaveLength(0);
  });

  it('moves a proposed task’s due date and gives it to a colleague', async () => {
    const task = aTask({ payload: { title: 'Send the QBR deck', dueDate: '2026-12-10' } });
    const sidebar = inboxWith({ mine: [task] });
    const card = await screen.findByRole('listitem', { name: 'Create a task · Acme Robotics' });
    await userEvent.click(within(card).getByRole('button', { name: 'Edit' }));
    const due = within(card).getByLabelText('Due') as HTMLInputElement;
    expect(due.value).toBe('2026-12-10');
    fireEvent.change(due, { target: { value: '2026-12-17' } });
    const assignee = within(card).getByLabelText('Assignee') as HTMLSelectElement;
    expect(assignee.value).toBe('');
    await waitFor(() => expect(within(assignee).getByRole('option', { name: 'Lee' })).toBeTruthy());
    await userEvent.selectOptions(assignee, 'Lee');
    await userEvent.click(within(card).getByRole('button', { name: 'Approve as edited' }));
    await waitFor(() => expect(callsTo(sidebar, 'actions.edit')).toHaveLength(1));
    expect(callsTo(sidebar, 'actions.edit')[0]).toEqual({
      id: task.id,
      kind: 'task.create',
      payload: { title: 'Send the QBR deck', dueDate: '2026-12-17', assigneeId: colleague },
    });
  });

  it('sends a task whose due date was emptied without one', async () => {
    const task = aTask({ payload: { title: 'Send the QBR deck', dueDate: '2026-12-10' } });
    const sidebar = inboxWith({ mine: [task] });
    const card = await screen.findByRole('listitem', { name: 'Create a task · Acme Robotics' });
    await userEvent.click(within(card).getByRole('button', { name: 'Edit' }));
    fireEvent.change(within(card).getByLabelText('Due'), { target: { value: '' } });
    await userEvent.click(within(card).getByRole('button', { name: 'Approve as edited' }));
    await waitFor(() => expect(callsTo(sidebar, 'actions.edit')).toHaveLength(1));
    expect(callsTo(sidebar, 'actions.edit')[0]).toEqual({
      id: task.id,
      kind: 'task.create',
      payload: { title: 'Send the QBR deck' },
    });
  });

  it('shows a proposed change of owner by the new owner’s name, and gives the customer to someone else', async () => {
    const handOver = aFieldChange({ field: 'ownerId', value: colleague });
    const sidebar = inboxWith({ mine: [handOver] });
    const card = await screen.findByRole('listitem', { name: 'Update a customer field · Acme Robotics' });
    const preview = await within(card).findByRole('figure', { name: 'Field preview' });
    await waitFor(() => expect(preview.textContent).toBe('OwnerLee'));
    await userEvent.click(within(card).getByRole('button', { name: 'Edit' }));
    const owner = within(card).getByLabelText('Owner') as HTMLSelectElement;
    expect(owner.value).toBe(colleague);
    await userEvent.selectOptions(owner, 'No owner');
    await userEvent.click(within(card).getByRole('button', { name: 'Approve as edited' }));
    await waitFor(() => expect(callsTo(sidebar, 'actions.edit')).toHaveLength(1));
    expect(callsTo(sidebar, 'actions.edit')[0]).toEqual({
      id: handOver.id,
      kind: 'customer.update_field',
      payload: { field: 'ownerId', value: null },
    });
  });

  it('changes a proposed stage to another, and a proposed renewal date to none', async () => {
    const stage = aFieldChange({ field: 'stage', value: 'at_risk' });
    const renewal = aFieldChange(
      { field: 'renewalDate', value: '2027-03-01' },
      '00000000-0000-4000-8000-0000000ac707',
    );
    const sidebar = inboxWith({ mine: [stage, renewal] });
    const [stageCard, renewalCard] = await screen.findAllByRole('listitem', {
      name: 'Update a customer field · Acme Robotics',
    });
    if (!stageCard || !renewalCard) throw new Error('two field changes listed');
    expect(within(stageCard).getByRole('figure', { name: 'Field preview' }).textContent).toBe('StageAt risk');
    expect(within(renewalCard).getByRole('figure', { name: 'Field preview' }).textContent).toBe(
      'Renewal dateMar 1, 2027',
    );
    await userEvent.click(within(stageCard).getByRole('button', { name: 'Edit' }));
    await userEvent.selectOptions(within(stageCard).getByLabelText('Stage'), 'Renewal');
    await userEvent.click(within(stageCard).getByRole('button', { name: 'Approve as edited' }));
    await userEvent.click(within(renewalCard).getByRole('button', { name: 'Edit' }));
    fireEvent.change(within(renewalCard).getByLabelText('Renewal date'), { target: { value: '' } });
    await userEvent.click(within(renewalCard).getByRole('button', { name: 'Approve as edited' }));
    await waitFor(() => expect(callsTo(sidebar, 'actions.edit')).toHaveLength(2));
    expect(callsTo(sidebar, 'actions.edit')).toEqual([
      { id: stage.id, kind: 'customer.update_field', payload: { field: 'stage', value: 'renewal' } },
      { id: renewal.id, kind: 'customer.update_field', payload: { field: 'renewalDate', value: null } },
    ]);
  });

  it('rejects with the note typed', async () => {
    const sidebar = inboxWith({ mine: [anAction()] });
    const card = await screen.findByRole('listitem', { name: 'Send an email · Acme Robotics' });
    await userEvent.click(within(card).getByRole('button', { name: 'Reject' }));
    await userEvent.type(within(card).getByLabelText(/^Why not/), 'Wrong quote');
    await userEvent.click(within(card).getByRole('button', { name: 'Reject' }));
    await waitFor(() =>
      expect(callsTo(sidebar, 'actions.reject')).toEqual([{ id: anAction().id, note: 'Wrong quote' }]),
    );
  });

  it('bulk-approves the ticked low-risk proposals only; a riskier one has no checkbox', async () => {
    const second = aTask({ id: '00000000-0000-4000-8000-0000000ac703', reason: 'Book the QBR' });
    const sidebar = inboxWith({ mine: [anAction(), aTask()], customers: [second] });
    await screen.findByRole('listitem', { name: 'Send an email · Acme Robotics' });
    expect(screen.getAllByRole('checkbox')).toHaveLength(2);
    for (const box of screen.getAllByRole('checkbox')) await userEvent.click(box);
    await userEvent.click(screen.getByRole('button', { name: 'Approve 2 selected low-risk actions' }));
    await waitFor(() => expect(callsTo(sidebar, 'actions.bulkApprove')).toHaveLength(1));
    expect(new Set((callsTo(sidebar, 'actions.bulkApprove')[0] as { ids: string[] }).ids)).toEqual(
      new Set([aTask().id, second.id]),
    );
  });

  it('lists a colleague’s email on my customer without buttons: it is theirs or an admin’s to approve', async () => {
    inboxWith({ customers: [anAction({ forUserId: colleague })] });
    const card = await screen.findByRole('listitem', { name: 'Send an email · Acme Robotics' });
    expect(within(card).getByText('lee@cscx.localhost')).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(
      within(card).getByText('It leaves from a colleague’s mailbox: they or an admin decide.'),
    ).toBeTruthy();
  });

  it('shows what ran and what died, with the error and the policy’s decision', async () => {
    inboxWith({
      history: [
        aTask({
          status: 'done',
          policyDecision: 'ran alone: policy “run alone up to low risk” for task.create, risk low',
          decidedAt: '2026-12-01T10:00:00.000Z',
        }),
        anAction({ status: 'dead', attempts: 5, lastError: 'Gmail refused the message: 400 invalid To' }),
      ],
    });
    const history = await screen.findByRole('region', { name: 'History' });
    await within(history).findByRole('alert');
    expect(within(history).getByText(/ran alone: policy “run alone up to low risk”/)).toBeTruthy();
    expect(within(history).getByText('Decided by the policy', { exact: false })).toBeTruthy();
    expect(within(history).getByRole('alert').textContent).toBe(
      'Failed for good after 5 attempts: Gmail refused the message: 400 invalid To',
    );
  });

  it('previews an event with its attendees and its time in the user’s own zone, and a Slack post with its channel', async () => {
    const event = anEvent({ attendees: ['dana@acme.example', 'lee@acme.example'] });
    const post = anAction({
      id: '00000000-0000-4000-8000-0000000ac705',
      kind: 'slack.post',
      risk: 'low',
      payload: { channel: 'C0123456789', text: 'Acme renewal moved to *Friday*' },
    });
    inboxWith({ mine: [event, post] }, inNewYork);
    const eventCard = await screen.findByRole('listitem', {
      name: 'Create a calendar event · Acme Robotics',
    });
    const shown = within(eventCard).getByRole('figure', { name: 'Event preview' }).textContent ?? '';
    // 15:00 UTC is 10:00 in New York in December.
    expect(shown).toContain('Thu 3 Dec, 10:00–10:30 (America/New_York)');
    expect(shown).toContain('dana@acme.example, lee@acme.example');
    expect(shown).toContain('Google Meet link added');
    const slack = within(screen.getByRole('listitem', { name: 'Post to Slack · Acme Robotics' })).getByRole(
      'figure',
      { name: 'Slack preview' },
    );
    expect(slack.textContent).toContain('C0123456789');
    expect(slack.textContent).toContain('Acme renewal moved to *Friday*');
  });

  it('asks for the open health alerts of my own customers, shows them and acknowledges one', async () => {
    const mine = anAlert({ customerId: acmeId, customerName: 'Acme Robotics' });
    const sidebar = inboxWith({ alerts: [mine] });
    const alerts = await screen.findByRole('region', { name: 'Health alerts' });
    expect(callsTo(sidebar, 'health.alerts')).toEqual([{ status: 'open', ownerId: me.user.id, limit: 200 }]);
    expect(within(alerts).getByText('Score fell 14 points in 7 days (72 → 58)')).toBeTruthy();
    expect(within(alerts).getByText('1')).toBeTruthy();
    await userEvent.click(
      within(alerts).getByRole('button', { name: 'Acknowledge Acme Robotics: Score dropped' }),
    );
    await waitFor(() => expect(callsTo(sidebar, 'health.acknowledgeAlert')).toEqual([{ alertId: mine.id }]));
  });

  it('says a full page of alerts is more than it lists', async () => {
    const page = Array.from({ length: 200 }, (_, i) =>
      anAlert({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, customerId: acmeId }),
    );
    inboxWith({ alerts: page });
    const alerts = await screen.findByRole('region', { name: 'Health alerts' });
    expect(within(alerts).getByRole('heading', { name: 'Health alerts 200+' })).toBeTruthy();
  });

  it('lets a viewer read the queue without deciding or ticking anything', async () => {
    inboxWith({ mine: [aTask()] }, { ...me, user: { ...me.user, role: 'viewer' } });
    const card = await screen.findByRole('listitem', { name: 'Create a task · Acme Robotics' });
    expect(within(card).queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(within(card).getByText('Viewers read the queue; a CSM or an admin decides.')).toBeTruthy();
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('says so when nothing waits', async () => {
    inboxWith({});
    expect(await screen.findByRole('region', { name: 'Nothing waits for you' })).toBeTruthy();
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('explains a failure to load the queue', async () => {
    renderSidebar({
      host: null,
      lastTab: 'inbox',
      procedures: {
        'actions.list': () => {
          throw new FakeProcedureError('FORBIDDEN', 'not for you');
        },
      },
    });
    const notice = await screen.findByRole('region', { name: 'Something went wrong' });
    expect(notice.textContent).toContain('not for you');
  });
});
