import { focusManager } from '@tanstack/react-query';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { BriefOutput, MeetingBrief } from '../../../shared/api/briefs.ts';
import type { ActivityOutput } from '../../../shared/api/customers.ts';
import { acmeId } from '../support/health-builders.ts';
import { renderSidebar } from '../support/render-sidebar.tsx';
import { aCalendarEvent, aCustomerContext, aMatch } from '../support/sidebar-builders.ts';

const ticket: ActivityOutput = {
  id: '7d1e0c4e-94c4-4b8e-9d2a-0d1f3b7a9c11',
  kind: 'ticket',
  occurredAt: '2025-11-02T09:00:00Z',
  subject: 'SSO login fails for all users',
  summary: '',
  contactId: null,
  ticketStatus: 'open',
  ticketPriority: 'urgent',
  npsScore: null,
  source: 'cscx',
};

function aBrief(overrides: Partial<MeetingBrief> = {}): MeetingBrief {
  return {
    customer: { id: acmeId, name: 'Acme Robotics' },
    attendees: [
      {
        email: 'dana.reyes@acme-robotics.test',
        name: 'Dana Reyes',
        contactId: null,
        title: 'Head of Support',
        role: 'champion',
        lastInteraction: null,
        sentiment: { trend: 'declining', latest: -0.6, sources: [] },
      },
    ],
    colleagues: [{ email: 'csm@cscx.localhost', name: 'Sam Carter' }],
    account: {
      arrMinor: 8_400_000,
      currency: 'USD',
      stage: 'renewal',
      renewalDate: '2026-06-03',
      daysToRenewal: 38,
      health: null,
    },
    openItems: [{ text: 'Open task: Send the QBR deck', sources: [{ kind: 'task', id: deckTask.id }] }],
    commitments: [],
    risks: [
      {
        text: 'Open urgent ticket: SSO login fails for all users',
        sources: [{ kind: 'activity', id: ticket.id }],
      },
    ],
    talkingPoints: [],
    agenda: [{ text: 'Next steps, owners and dates', minutes: 5, sources: [] }],
    activities: [ticket],
    ...overrides,
  };
}

const briefOutput = (stale: boolean): BriefOutput => ({
  kind: 'brief',
  briefId: '0b7f2a61-3c1d-4f5e-8a9b-1c2d3e4f5a6b',
  eventId: 'evt1',
  generatedAt: '2026-04-25T08:00:00Z',
  stale,
  provider: 'local',
  model: 'cscx-local-1',
  brief: aBrief(),
});

const deckTask = {
  id: '5b0c7e2a-1d3f-4a6b-9c8d-7e6f5a4b3c2d',
  title: 'Send the QBR deck',
  dueDate: '2026-04-20',
  assignee: null,
};

function briefSidebar(brief: (input: { mode?: string }) => BriefOutput, context = aCalendarEvent()) {
  return renderSidebar({
    host: 'calendar',
    context,
    procedures: {
      'customers.context': () =>
        aMatch(aCustomerContext({ id: acmeId, name: 'Acme Robotics', openTasks: [deckTask] })),
      'meetings.recordFromCalendar': () => ({ outcome: 'recorded' }),
      'meetings.brief': (input) => brief(input as { mode?: string }),
    },
  });
}

async function openBriefTab() {
  await userEvent.click(await screen.findByRole('tab', { name: 'Brief' }));
  return screen.getByRole('tabpanel', { name: 'Brief' });
}

describe('the Brief tab', () => {
  it('asks for the event’s brief with its guests and start, and shows a skeleton until it comes', async () => {
    let answer: (output: BriefOutput) => void = () => undefined;
    const { backend } = briefSidebar(() => briefOutput(false));
    backend.procedures['meetings.brief'] = () =>
      new Promise<BriefOutput>((resolve) => {
        answer = resolve;
      });
    const panel = await openBriefTab();
    expect(await within(panel).findByRole('status', { name: 'Preparing the brief' })).toBeTruthy();
    act(() => answer(briefOutput(false)));
    const risks = await within(panel).findByRole('region', { name: 'Risks' });
    expect(within(risks).getByText('Open urgent ticket: SSO login fails for all users')).toBeTruthy();
    expect(within(panel).getByText('cooler lately')).toBeTruthy();
    expect(backend.calls.find((c) => c.path === 'meetings.brief')?.input).toEqual({
      eventId: 'evt1',
      title: 'Acme Robotics — Renewal planning',
      start: new Date('2026-04-26T14:00').toISOString(),
      attendees: [
        { email: 'csm@cscx.localhost', name: 'Sam Carter' },
        { email: 'dana.reyes@acme-robotics.test', name: 'Dana Reyes' },
      ],
      mode: 'fresh',
    });
  });

  it('says an internal meeting gets no brief', async () => {
    briefSidebar(
      () => ({ kind: 'internal' }),
      aCalendarEvent({ attendees: [{ email: 'csm@cscx.localhost', name: 'Sam' }] }),
    );
    const panel = await openBriefTab();
    expect(await within(panel).findByRole('heading', { name: 'Internal meeting' })).toBeTruthy();
  });

  it('marks the brief stale when the check says newer data arrived, and regenerates it on request', async () => {
    const { backend } = briefSidebar((input) => briefOutput(input.mode === 'stored'));
    const panel = await openBriefTab();
    await within(panel).findByRole('region', { name: 'Risks' });
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    const stale = await within(panel).findByRole('region', { name: 'Brief is stale' });
    const fresh = () =>
      backend.calls.filter(
        (c) => c.path === 'meetings.brief' && (c.input as { mode: string }).mode === 'fresh',
      );
    expect(fresh()).toHaveLength(1);
    await userEvent.click(within(stale).getByRole('button', { name: 'Regenerate' }));
    await waitFor(() => expect(fresh()).toHaveLength(2));
  });

  it('opens a risk’s ticket in the Customer tab’s timeline, highlighted, though it is older than the recent entries', async () => {
    briefSidebar(() => briefOutput(false));
    const panel = await openBriefTab();
    const risks = await within(panel).findByRole('region', { name: 'Risks' });
    await userEvent.click(within(risks).getByRole('button', { name: /^Ticket · / }));
    expect(screen.getByRole('tab', { name: 'Customer' }).getAttribute('aria-selected')).toBe('true');
    const customer = screen.getByRole('tabpanel', { name: 'Customer' });
    const timeline = await within(customer).findByRole('region', { name: 'Recent activity' });
    const opened = await waitFor(() => {
      const item = timeline.querySelector('li[aria-current="true"]');
      if (!item) throw new Error('no item is marked');
      return item;
    });
    expect(opened.querySelector('.subject')?.textContent).toBe('SSO login fails for all users');
  });

  it('opens an open item’s task in the Customer tab’s open tasks, highlighted', async () => {
    briefSidebar(() => briefOutput(false));
    const panel = await openBriefTab();
    const items = await within(panel).findByRole('region', { name: 'Open items' });
    await userEvent.click(within(items).getByRole('button', { name: 'Task' }));
    expect(screen.getByRole('tab', { name: 'Customer' }).getAttribute('aria-selected')).toBe('true');
    const tasks = await within(screen.getByRole('tabpanel', { name: 'Customer' })).findByRole('region', {
      name: 'Open tasks',
    });
    const marked = await waitFor(() => {
      const item = tasks.querySelector('li[aria-current="true"]');
      if (!item) throw new Error('no task is marked');
      return item;
    });
    expect(marked.querySelector('.task-title')?.textContent).toBe('Send the QBR deck');
  });
});
