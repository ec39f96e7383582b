import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeProcedureError } from '../support/fake-backend.ts';
import { me, renderSidebar } from '../support/render-sidebar.tsx';
import { aCalendarEvent, aCustomerContext, aMatch, signedOut } from '../support/sidebar-builders.ts';

describe('signing in from the sidebar', () => {
  it('shows the sign-in form when signed out, then the customer once signed in', async () => {
    const { backend, store } = renderSidebar({
      session: signedOut,
      context: aCalendarEvent(),
      procedures: {
        'auth.login': () => ({
          token: 'cscx_sess_new',
          expiresAt: '2026-05-01T00:00:00.000Z',
          mustChangePassword: false,
        }),
        'customers.context': () => aMatch(aCustomerContext()),
      },
    });
    const form = await screen.findByRole('form', { name: 'Sign in to CSCX' });
    expect(form).toBeTruthy();
    await userEvent.clear(screen.getByLabelText('Email'));
    await userEvent.type(screen.getByLabelText('Email'), 'csm@cscx.localhost');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('region', { name: 'Account' })).toBeTruthy();
    expect(store.current).toEqual({
      backendUrl: 'http://127.0.0.1:8787',
      token: 'cscx_sess_new',
      email: 'csm@cscx.localhost',
    });
    expect(backend.calls.find((c) => c.path === 'auth.login')?.input).toEqual({
      email: 'csm@cscx.localhost',
      password: 'correct horse battery',
    });
    expect(backend.calls.find((c) => c.path === 'customers.context')?.authorization).toBe(
      'Bearer cscx_sess_new',
    );
  });

  it('says so when the password is wrong', async () => {
    renderSidebar({
      session: signedOut,
      procedures: {
        'auth.login': () => {
          throw new FakeProcedureError('UNAUTHORIZED', 'wrong email or password');
        },
      },
    });
    await userEvent.clear(await screen.findByLabelText('Email'));
    await userEvent.type(screen.getByLabelText('Email'), 'csm@cscx.localhost');
    await userEvent.type(screen.getByLabelText('Password'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password.');
  });

  it('returns to the signed-out state when the token was revoked', async () => {
    const { store } = renderSidebar({
      context: aCalendarEvent(),
      procedures: {
        'auth.me': () => {
          throw new FakeProcedureError('UNAUTHORIZED');
        },
      },
    });
    expect(await screen.findByRole('form', { name: 'Sign in to CSCX' })).toBeTruthy();
    expect(store.current.token).toBeNull();
  });

  it('signs out from the account bar', async () => {
    const { backend, store } = renderSidebar({ procedures: { 'auth.logout': () => ({ ok: true }) } });
    await userEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('form', { name: 'Sign in to CSCX' })).toBeTruthy();
    expect(store.current.token).toBeNull();
    expect(backend.calls.some((c) => c.path === 'auth.logout')).toBe(true);
  });

  it('asks a user with a one-time password to change it first, with a way to the settings page', async () => {
    const { settingsOpenedTimes } = renderSidebar({
      procedures: { 'auth.me': () => ({ ...me, user: { ...me.user, mustChangePassword: true } }) },
    });
    expect(await screen.findByRole('heading', { name: 'Change your password first' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Open settings' }));
    expect(settingsOpenedTimes()).toBe(1);
  });
});

describe('an unreachable backend', () => {
  it('offers a retry that recovers once the backend answers', async () => {
    const { backend } = renderSidebar({
      context: aCalendarEvent(),
      procedures: { 'customers.context': () => aMatch(aCustomerContext()) },
    });
    backend.down = true;
    expect(await screen.findByRole('heading', { name: "Can't reach CSCX" })).toBeTruthy();
    backend.down = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByRole('region', { name: 'Account' })).toBeTruthy());
  });
});
