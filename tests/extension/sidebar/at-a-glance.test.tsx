import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderSidebar } from '../support/render-sidebar.tsx';
import { aCalendarEvent, aCustomerContext, aMatch } from '../support/sidebar-builders.ts';

type Activity = ReturnType<typeof aCustomerContext>['recentActivities'][number];
type OpenTask = ReturnType<typeof aCustomerContext>['openTasks'][number];

let seq = 0;
function anActivity(overrides: Partial<Activity> = {}): Activity {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(7000 + seq).padStart(12, '0')}`,
    kind: 'email',
    occurredAt: '2026-04-10T15:00:00.000Z',
    subject: `Touch ${seq}`,
    summary: '',
    contactId: null,
    ticketStatus: null,
    ticketPriority: null,
    npsScore: null,
    source: 'cscx',
    ...overrides,
  };
}

function anOpenTask(overrides: Partial<OpenTask> = {}): OpenTask {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(8000 + seq).padStart(12, '0')}`,
    title: `Task ${seq}`,
    dueDate: '2099-01-15',
    assignee: { id: '00000000-0000-4000-8000-00000000aaaa', name: 'Sam Carter', email: 'csm@cscx.localhost' },
    ...overrides,
  };
}

async function showCustomer(overrides: Parameters<typeof aCustomerContext>[0]) {
  const customer = aCustomerContext(overrides);
  renderSidebar({ context: aCalendarEvent(), procedures: { 'customers.context': () => aMatch(customer) } });
  await screen.findByRole('region', { name: 'Account' });
  return customer;
}

function timelineItems() {
  return within(screen.getByRole('region', { name: 'Recent activity' })).getAllByRole('listitem');
}

describe('the account at a glance', () => {
  it('shows ARR to the cent, and whole amounts without decimals', async () => {
    await showCustomer({ arrMinor: 8_500_050, currency: 'USD' });
    const arr = within(screen.getByRole('region', { name: 'Account' })).getByText('ARR').nextElementSibling;
    expect(arr?.textContent).toBe('$85,000.50');
  });

  it('shows a seven-figure ARR in full rather than rounded to a compact figure', async () => {
    await showCustomer({ arrMinor: 123_456_700, currency: 'EUR' });
    const arr = within(screen.getByRole('region', { name: 'Account' })).getByText('ARR').nextElementSibling;
    expect(arr?.textContent).toBe('€1,234,567');
  });
});

describe('the timeline', () => {
  it('tells two urgent tickets apart by their status, priority and summary line', async () => {
    await showCustomer({
      recentActivities: [
        anActivity({
          kind: 'ticket',
          subject: 'Login failures',
          summary: 'SSO users locked out since the IdP change.',
          ticketStatus: 'open',
          ticketPriority: 'urgent',
        }),
        anActivity({
          kind: 'ticket',
          subject: 'Login failures',
          summary: 'Password reset emails arrive late.',
          ticketStatus: 'pending',
          ticketPriority: 'urgent',
        }),
      ],
    });
    const [first, second] = timelineItems();
    expect(first?.textContent).toContain('Open');
    expect(first?.textContent).toContain('Urgent priority');
    expect(first?.textContent).toContain('SSO users locked out since the IdP change.');
    expect(second?.textContent).toContain('Pending');
    expect(second?.textContent).toContain('Password reset emails arrive late.');
  });

  it('shows an NPS answer’s score and band', async () => {
    await showCustomer({
      recentActivities: [
        anActivity({ kind: 'nps', subject: 'Q1 survey', npsScore: 3 }),
        anActivity({ kind: 'nps', subject: 'Q4 survey', npsScore: 10 }),
      ],
    });
    const [detractor, promoter] = timelineItems();
    expect(detractor?.textContent).toContain('NPS 3 · detractor');
    expect(promoter?.textContent).toContain('NPS 10 · promoter');
  });

  it('shows a note’s summary line, and the whole of a long one on request', async () => {
    const long =
      'Leadership may not renew: the new CFO is reviewing every tool over $50k and asked for usage numbers by team before the budget meeting.';
    await showCustomer({
      recentActivities: [anActivity({ kind: 'note', subject: 'Call with Dana', summary: long })],
    });
    const [note] = timelineItems();
    if (!note) throw new Error('no timeline item');
    expect(within(note).getByText(long).className).toBe('summary clamped');
    const more = within(note).getByRole('button', { name: 'More' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(more);
    expect(within(note).getByText(long).className).toBe('summary');
    expect(within(note).getByRole('button', { name: 'Less' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('folds a run of routine emails behind one button, so the note after them stays in view', async () => {
    await showCustomer({
      recentActivities: [
        anActivity({ subject: 'Re: invoice' }),
        anActivity({ subject: 'Re: invoice (2)' }),
        anActivity({ subject: 'Re: invoice (3)' }),
        anActivity({ kind: 'note', subject: 'Champion is leaving' }),
      ],
    });
    const timeline = screen.getByRole('region', { name: 'Recent activity' });
    expect(timeline.textContent).toContain('Re: invoice');
    expect(timeline.textContent).not.toContain('Re: invoice (2)');
    expect(timeline.textContent).toContain('Champion is leaving');
    await userEvent.click(within(timeline).getByRole('button', { name: '2 more emails' }));
    expect(timeline.textContent).toContain('Re: invoice (2)');
    expect(timeline.textContent).toContain('Re: invoice (3)');
  });

  it('never folds tickets, however many come in a row', async () => {
    await showCustomer({
      recentActivities: [1, 2, 3].map((n) => anActivity({ kind: 'ticket', subject: `Ticket ${n}` })),
    });
    expect(timelineItems().map((li) => li.textContent)).toEqual([
      expect.stringContaining('Ticket 1'),
      expect.stringContaining('Ticket 2'),
      expect.stringContaining('Ticket 3'),
    ]);
  });
});

describe('open tasks', () => {
  it('lists each open task with its due date and assignee, overdue ones marked', async () => {
    await showCustomer({
      openTaskCount: 3,
      openTasks: [
        anOpenTask({ title: 'Send the renewal quote', dueDate: '2020-03-02' }),
        anOpenTask({ title: 'Book the QBR', dueDate: '2099-01-15', assignee: null }),
        anOpenTask({ title: 'Share the roadmap', dueDate: null }),
      ],
    });
    const tasks = within(screen.getByRole('region', { name: 'Open tasks' })).getAllByRole('listitem');
    expect(tasks.map((t) => t.textContent)).toEqual([
      'Send the renewal quoteOverdue since Mar 2, 2020 · Sam Carter',
      'Book the QBRDue Jan 15, 2099 · Unassigned',
      'Share the roadmapNo due date · Sam Carter',
    ]);
    expect(within(tasks[0] as HTMLElement).getByText(/Overdue/).className).toBe('overdue');
  });

  it('says how many more there are beyond the listed ones', async () => {
    await showCustomer({ openTaskCount: 12, openTasks: [anOpenTask(), anOpenTask()] });
    const card = screen.getByRole('region', { name: 'Open tasks' });
    expect(card.textContent).toContain('Open tasks 12');
    expect(card.textContent).toContain('…and 10 more, due later or undated.');
  });

  it('says when there are none', async () => {
    await showCustomer({ openTaskCount: 0, openTasks: [] });
    expect(screen.getByRole('region', { name: 'Open tasks' }).textContent).toContain('No open tasks.');
  });
});
