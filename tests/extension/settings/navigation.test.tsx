import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { meAs, renderSettings } from '../support/render-settings.tsx';
import { signedOut } from '../support/sidebar-builders.ts';

const admin = meAs({ role: 'admin' });

function nav() {
  return screen.getByRole('navigation', { name: 'Settings' });
}

describe('the settings navigation', () => {
  it('opens the section its address names, and marks it as the current page', async () => {
    renderSettings({ at: '#/tokens', procedures: { 'auth.me': () => admin } });
    expect(await screen.findByRole('region', { name: 'Personal access tokens' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Account' })).toBeNull();
    const current = within(nav()).getByRole('link', { current: 'page' });
    expect(current.textContent).toBe('Access tokens');
    expect(current.getAttribute('href')).toBe('#/tokens');
  });

  it('lands on the first section when the address names none', async () => {
    renderSettings({ at: '#/', procedures: { 'auth.me': () => admin } });
    expect(await screen.findByRole('region', { name: 'Account' })).toBeTruthy();
    expect(within(nav()).getByRole('link', { current: 'page' }).textContent).toBe('Account');
  });

  it('follows a link to another section, changing the address and moving focus there', async () => {
    renderSettings({ at: '#/account', procedures: { 'auth.me': () => admin } });
    await screen.findByRole('region', { name: 'Account' });
    await userEvent.click(within(nav()).getByRole('link', { name: 'Organisation' }));
    const org = await screen.findByRole('region', { name: 'Organisation' });
    expect(window.location.hash).toBe('#/org');
    await waitFor(() => expect(document.activeElement?.contains(org)).toBe(true));
    expect(screen.queryByRole('region', { name: 'Account' })).toBeNull();
  });

  it('says a section is not open to a role that may not see it, and leaves it out of the list', async () => {
    renderSettings({ at: '#/members', procedures: { 'auth.me': () => meAs({ role: 'csm' }) } });
    expect(await screen.findByRole('heading', { name: 'Members is not open to you' })).toBeTruthy();
    expect(within(nav()).queryByRole('link', { name: 'Members' })).toBeNull();
  });

  it('says so for an address that names no section', async () => {
    renderSettings({ at: '#/no-such-thing', procedures: { 'auth.me': () => admin } });
    expect(await screen.findByRole('heading', { name: 'No such section' })).toBeTruthy();
    expect(within(nav()).queryByRole('link', { current: 'page' })).toBeNull();
  });

  it('keeps the section a link named through signing in', async () => {
    renderSettings({
      at: '#/members',
      session: signedOut,
      procedures: {
        'auth.me': () => admin,
        'auth.login': () => ({
          token: 'cscx_sess_new',
          expiresAt: '2026-05-01T00:00:00.000Z',
          mustChangePassword: false,
        }),
      },
    });
    await userEvent.clear(await screen.findByLabelText('Email'));
    await userEvent.type(screen.getByLabelText('Email'), 'admin@cscx.localhost');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('region', { name: 'Members' })).toBeTruthy();
  });
});
