import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderSidebar } from '../support/render-sidebar.tsx';
import {
  aCalendarEvent,
  aCustomerContext,
  aCustomerSummary,
  aMatch,
  aZoomRecording,
} from '../support/sidebar-builders.ts';

describe('the Customer tab', () => {
  it('shows the matched account: ARR, renewal countdown, stage, owner, contacts with roles, timeline, open tasks', async () => {
    const acme = aCustomerContext();
    const { backend } = renderSidebar({
      context: aCalendarEvent(),
      procedures: { 'customers.context': () => aMatch(acme) },
    });
    const card = await screen.findByRole('region', { name: 'Account' });
    expect(within(card).getByRole('heading', { name: 'Acme Robotics' })).toBeTruthy();
    expect(card.textContent).toContain('$42,000');
    expect(card.textContent).toContain('Jun 30, 2026');
    expect(card.textContent).toContain('in 45 d');
    expect(card.textContent).toContain('Renewal');
    expect(card.textContent).toContain('Sam Carter');
    expect(screen.getByRole('region', { name: 'Open tasks' }).textContent).toContain('Open tasks 3');
    const people = screen.getByRole('region', { name: 'People here' });
    expect(people.textContent).toContain('Dana Reyes');
    expect(people.textContent).toContain('Champion');
    expect(screen.getByRole('region', { name: 'Recent activity' }).textContent).toContain(
      'Quarterly business review',
    );
    const lookup = backend.calls.find((c) => c.path === 'customers.context');
    expect(lookup?.input).toEqual({
      emails: ['csm@cscx.localhost', 'dana.reyes@acme-robotics.test'],
      topic: 'Acme Robotics — Renewal planning',
    });
    expect(lookup?.authorization).toBe('Bearer cscx_sess_test');
  });

  it('shows a loading skeleton until the customer arrives', async () => {
    let answer: (value: unknown) => void = () => {};
    renderSidebar({
      context: aCalendarEvent(),
      procedures: { 'customers.context': () => new Promise((resolve) => (answer = resolve)) },
    });
    expect(await screen.findByRole('status', { name: 'Finding the customer' })).toBeTruthy();
    answer(aMatch(aCustomerContext()));
    expect(await screen.findByRole('region', { name: 'Account' })).toBeTruthy();
  });

  it('switches between candidates when several customers match', async () => {
    const parent = aCustomerContext({ name: 'Acme Robotics' });
    const division = aCustomerContext({ name: 'Acme Robotics EMEA', domains: ['emea.acme-robotics.test'] });
    const { backend } = renderSidebar({
      context: aCalendarEvent(),
      procedures: {
        'customers.context': (input) =>
          (input as { customerId?: string }).customerId === division.id
            ? { ...aMatch(division), candidates: [] }
            : aMatch(parent, [division]),
      },
    });
    const picker = await screen.findByRole('combobox', { name: '2 customers match' });
    await userEvent.selectOptions(picker, division.id);
    expect(await screen.findByRole('heading', { name: 'Acme Robotics EMEA' })).toBeTruthy();
    expect(
      backend.calls.some((c) => (c.input as { customerId?: string } | undefined)?.customerId === division.id),
    ).toBe(true);
  });

  it('offers a one-step create form prefilled from the participants’ domain when no customer matches', async () => {
    let created = false;
    const acme = aCustomerContext();
    const { backend } = renderSidebar({
      context: aCalendarEvent(),
      procedures: {
        'customers.context': () =>
          created
            ? aMatch(acme)
            : {
                candidates: [],
                customer: null,
                unmatchedEmails: ['csm@cscx.localhost', 'dana.reyes@acme-robotics.test'],
              },
        'customers.upsert': (input) => {
          created = true;
          return aCustomerSummary({ name: (input as { name: string }).name });
        },
      },
    });
    expect(await screen.findByRole('heading', { name: 'Not a customer yet' })).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Create customer' });
    expect(within(form).getByLabelText<HTMLInputElement>('Name').value).toBe('Acme Robotics');
    expect(within(form).getByLabelText<HTMLInputElement>('Domain').value).toBe('acme-robotics.test');
    await userEvent.click(within(form).getByRole('button', { name: 'Create customer' }));
    expect(await screen.findByRole('region', { name: 'Account' })).toBeTruthy();
    expect(backend.calls.find((c) => c.path === 'customers.upsert')?.input).toEqual({
      name: 'Acme Robotics',
      domains: ['acme-robotics.test'],
    });
  });

  it('adds an unmatched person to the shown customer, or to one found by search', async () => {
    const acme = aCustomerContext();
    const globex = aCustomerSummary({ name: 'Globex Industrial', domains: ['globex.test'] });
    const event = aCalendarEvent({
      attendees: [...aCalendarEvent().attendees, { email: 'li.wei@gmail.com', name: 'Li Wei' }],
    });
    const { backend } = renderSidebar({
      context: event,
      procedures: {
        'customers.context': () => ({
          ...aMatch(acme),
          unmatchedEmails: ['csm@cscx.localhost', 'li.wei@gmail.com'],
        }),
        'customers.list': () => ({ items: [globex], nextCursor: null }),
        'contacts.link': (input) => ({
          id: acme.id,
          customerId: acme.id,
          name: '',
          title: '',
          role: 'user',
          ...(input as object),
        }),
      },
    });
    const section = await screen.findByRole('region', { name: 'Add a person to a customer' });
    expect(within(section).getByRole('combobox', { name: 'Person' }).textContent).toBe(
      'Li Wei <li.wei@gmail.com>',
    );
    await userEvent.click(within(section).getByRole('button', { name: 'Add to Acme Robotics' }));
    await waitFor(() =>
      expect(backend.calls.find((c) => c.path === 'contacts.link')?.input).toEqual({
        email: 'li.wei@gmail.com',
        customerId: acme.id,
        name: 'Li Wei',
      }),
    );
    await userEvent.type(within(section).getByRole('searchbox'), 'glob');
    await userEvent.click(await within(section).findByRole('button', { name: 'Add to Globex Industrial' }));
    await waitFor(() =>
      expect(backend.calls.filter((c) => c.path === 'contacts.link').at(-1)?.input).toMatchObject({
        customerId: globex.id,
      }),
    );
  });

  it('looks a Zoom meeting up in one call by its topic and its participants’ names, and shows the server’s reason', async () => {
    const globex = aCustomerContext({ name: 'Globex Industrial', domains: ['globex.test'] });
    const match = aMatch(globex);
    const { backend } = renderSidebar({
      context: aZoomRecording({
        participants: [
          { email: null, name: 'Hank Scorpio', kind: 'person' },
          { email: null, name: '+1 555 0100', kind: 'phone' },
        ],
      }),
      procedures: {
        'customers.context': () => ({
          ...match,
          candidates: match.candidates.map((c) => ({
            ...c,
            reason: { ...c.reason, topicName: 'Globex Industrial', summary: 'Named in the meeting topic' },
          })),
        }),
      },
    });
    expect(await screen.findByRole('heading', { name: 'Globex Industrial' })).toBeTruthy();
    expect(screen.getByText('Named in the meeting topic')).toBeTruthy();
    const lookups = backend.calls.filter((c) => c.path.startsWith('customers.'));
    expect(lookups.map((c) => c.path)).toEqual(['customers.context']);
    expect(lookups[0]?.input).toEqual({
      emails: [],
      topic: 'Globex Industrial <> CSCX — Quarterly business review',
      names: ['Hank Scorpio'],
    });
  });

  it('asks for an event or meeting when the page shows none', async () => {
    renderSidebar({ context: null });
    expect(await screen.findByRole('heading', { name: 'Nothing open' })).toBeTruthy();
  });
});
