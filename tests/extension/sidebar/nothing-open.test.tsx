import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderSidebar } from '../support/render-sidebar.tsx';
import { aCalendarEvent, aCustomerContext, aMatch, signedOut } from '../support/sidebar-builders.ts';

describe('when the host page shows nothing to look up', () => {
  it('clears the old customer and says nothing is open, then follows the next event', async () => {
    const acme = aCustomerContext({ name: 'Acme Robotics' });
    const initech = aCustomerContext({ name: 'Initech', domains: ['initech.test'] });
    const { hostPage } = renderSidebar({
      context: aCalendarEvent(),
      procedures: {
        'customers.context': (input) =>
          aMatch(
            (input as { emails: string[] }).emails.some((e) => e.endsWith('@initech.test')) ? initech : acme,
          ),
      },
    });
    expect(await screen.findByRole('heading', { name: 'Acme Robotics' })).toBeTruthy();

    act(() => hostPage.show(null));
    expect(await screen.findByRole('heading', { name: 'Nothing open' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Acme Robotics' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Account' })).toBeNull();
    expect(screen.getByText('Open an event’s details to see its customer here.')).toBeTruthy();

    act(() =>
      hostPage.show(
        aCalendarEvent({ eventId: 'evt2', attendees: [{ email: 'peter@initech.test', name: 'Peter' }] }),
      ),
    );
    expect(await screen.findByRole('heading', { name: 'Initech' })).toBeTruthy();
  });

  it('words it for the host the sidebar is in', async () => {
    renderSidebar({ host: 'zoom', context: null });
    expect(
      await screen.findByText('Open a meeting, a recording or a call to see its customer here.'),
    ).toBeTruthy();
  });

  it('still offers sign-in when signed out', async () => {
    renderSidebar({ session: signedOut, context: null });
    expect(await screen.findByRole('form', { name: 'Sign in to CSCX' })).toBeTruthy();
  });
});

describe('hiding the sidebar', () => {
  it('offers "Hide" where the sidebar is docked at the page’s edge, signed in or out', async () => {
    const { hiddenTimes } = renderSidebar({ session: signedOut, docked: true });
    await screen.findByRole('form', { name: 'Sign in to CSCX' });
    await userEvent.click(screen.getByRole('button', { name: 'Hide the sidebar' }));
    expect(hiddenTimes()).toBe(1);
  });

  it('offers no "Hide" inside Gmail’s own sidebar, which hides it itself', async () => {
    renderSidebar({ host: 'gmail', docked: false });
    await screen.findByRole('heading', { name: 'Nothing open' });
    expect(screen.queryByRole('button', { name: 'Hide the sidebar' })).toBeNull();
  });
});
