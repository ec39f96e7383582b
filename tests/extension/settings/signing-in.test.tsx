import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { webSessionStore } from '../../../extension/lib/web-session-store.ts';
import { FakeProcedureError } from '../support/fake-backend.ts';
import { callsTo, meAs, renderSettings } from '../support/render-settings.tsx';
import { signedOut } from '../support/sidebar-builders.ts';

const loginResult = {
  token: 'cscx_sess_new',
  expiresAt: '2026-05-01T00:00:00.000Z',
  mustChangePassword: false,
};

afterEach(() => window.sessionStorage.clear());

async function signInWith(email: string, password: string) {
  await userEvent.clear(await screen.findByLabelText('Email'));
  await userEvent.type(screen.getByLabelText('Email'), email);
  await userEvent.type(screen.getByLabelText('Password'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('signing in on the extension settings page', () => {
  it('signs in against the chosen backend and shows the account', async () => {
    const { store } = renderSettings({
      session: signedOut,
      procedures: { 'auth.login': () => loginResult },
    });
    await screen.findByRole('form', { name: 'Sign in to CSCX' });
    expect(screen.getByLabelText('Backend URL')).toBeTruthy();
    await signInWith('csm@cscx.localhost', 'correct horse battery');
    const account = await screen.findByRole('region', { name: 'Account' });
    expect(account.textContent).toContain('csm@cscx.localhost');
    expect(account.textContent).toContain('http://127.0.0.1:8787');
    expect(store.current.token).toBe('cscx_sess_new');
  });

  it('signs out: the token is revoked on the server and forgotten here', async () => {
    const { backend, store } = renderSettings({ procedures: { 'auth.logout': () => ({ ok: true }) } });
    await userEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('form', { name: 'Sign in to CSCX' })).toBeTruthy();
    expect(store.current.token).toBeNull();
    expect(callsTo(backend, 'auth.logout')).toHaveLength(1);
  });

  it('shows the signed-out state when the stored token was revoked', async () => {
    const { store } = renderSettings({
      procedures: {
        'auth.me': () => {
          throw new FakeProcedureError('UNAUTHORIZED', 'the token is invalid, expired or revoked');
        },
      },
    });
    expect(await screen.findByRole('form', { name: 'Sign in to CSCX' })).toBeTruthy();
    expect(store.current.token).toBeNull();
  });

  it('offers a retry when the backend does not answer', async () => {
    const { backend } = renderSettings();
    backend.down = true;
    expect(await screen.findByRole('heading', { name: "Can't reach CSCX" })).toBeTruthy();
    backend.down = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('region', { name: 'Account' })).toBeTruthy();
  });
});

describe('signing in on the page the backend serves', () => {
  it('talks to its own origin, keeps the token in this tab, and offers no backend choice', async () => {
    const store = webSessionStore(window.sessionStorage, 'https://cscx.example.com');
    const { urls } = renderSettings({
      kind: 'web',
      store,
      procedures: { 'auth.login': () => loginResult },
    });
    await screen.findByRole('form', { name: 'Sign in to CSCX' });
    expect(screen.queryByLabelText('Backend URL')).toBeNull();
    await signInWith('csm@cscx.localhost', 'correct horse battery');
    const account = await screen.findByRole('region', { name: 'Account' });
    expect(account.textContent).not.toContain('Backend');
    expect(urls.every((u) => u.startsWith('https://cscx.example.com/trpc/'))).toBe(true);
    expect(JSON.parse(window.sessionStorage.getItem('cscx.session') ?? '{}')).toMatchObject({
      token: 'cscx_sess_new',
      backendUrl: 'https://cscx.example.com',
    });
  });
});

describe('the first sign-in with a one-time password', () => {
  it('asks for a new password before anything else, then shows the settings', async () => {
    let mustChange = true;
    const { backend } = renderSettings({
      at: '#/members',
      procedures: {
        'auth.me': () => meAs({ role: 'admin', mustChangePassword: mustChange }),
        'auth.changePassword': () => {
          mustChange = false;
          return { ok: true };
        },
        'users.list': () => [],
        'tokens.list': () => [],
      },
    });
    expect(await screen.findByRole('heading', { name: 'Choose your own password' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Members' })).toBeNull();
    await userEvent.type(screen.getByLabelText('Current password'), 'one-time-123');
    await userEvent.type(screen.getByLabelText('New password'), 'a much better password');
    await userEvent.type(screen.getByLabelText('Repeat new password'), 'a much better password');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('region', { name: 'Members' })).toBeTruthy();
    expect(callsTo(backend, 'auth.changePassword')[0]?.input).toEqual({
      currentPassword: 'one-time-123',
      newPassword: 'a much better password',
    });
  });

  it('switches to that screen when the API refuses a section with "change your password first"', async () => {
    let mustChange = false;
    renderSettings({
      at: '#/members',
      procedures: {
        'auth.me': () => meAs({ role: 'admin', mustChangePassword: mustChange }),
        'users.list': () => {
          mustChange = true;
          throw new FakeProcedureError('FORBIDDEN', 'change your password first (auth.changePassword)');
        },
        'tokens.list': () => [],
      },
    });
    expect(await screen.findByRole('heading', { name: 'Choose your own password' })).toBeTruthy();
  });
});

describe('changing the password', () => {
  it('refuses two different new passwords without asking the server', async () => {
    const { backend } = renderSettings();
    await userEvent.type(await screen.findByLabelText('Current password'), 'current password');
    await userEvent.type(screen.getByLabelText('New password'), 'a much better password');
    await userEvent.type(screen.getByLabelText('Repeat new password'), 'a much better passwort');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    const password = screen.getByRole('region', { name: 'Password' });
    expect((await within(password).findByRole('alert')).textContent).toBe('The new passwords differ.');
    expect(callsTo(backend, 'auth.changePassword')).toHaveLength(0);
  });

  it('says so when the current password is wrong', async () => {
    renderSettings({
      procedures: {
        'auth.changePassword': () => {
          throw new FakeProcedureError('BAD_REQUEST', 'the current password is wrong');
        },
      },
    });
    await userEvent.type(await screen.findByLabelText('Current password'), 'not it at all');
    await userEvent.type(screen.getByLabelText('New password'), 'a much better password');
    await userEvent.type(screen.getByLabelText('Repeat new password'), 'a much better password');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    const password = screen.getByRole('region', { name: 'Password' });
    expect((await within(password).findByRole('alert')).textContent).toBe('The current password is wrong');
  });
});
