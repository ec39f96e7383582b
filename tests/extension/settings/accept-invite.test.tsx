import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeProcedureError } from '../support/fake-backend.ts';
import { callsTo, renderSettings } from '../support/render-settings.tsx';
import { signedOut } from '../support/sidebar-builders.ts';

afterEach(() => {
  window.location.hash = '';
});

async function choosePassword(password: string, repeated = password) {
  await userEvent.type(await screen.findByLabelText('Password'), password);
  await userEvent.type(screen.getByLabelText('Repeat password'), repeated);
  await userEvent.click(screen.getByRole('button', { name: 'Set password and sign in' }));
}

describe('accepting an invitation', () => {
  it('sets the password from the link, signs in, and opens the settings', async () => {
    window.location.hash = '#/accept-invite?token=cscx_inv_secret';
    const { backend, store } = renderSettings({
      session: signedOut,
      procedures: {
        'auth.acceptInvite': () => ({
          token: 'cscx_sess_invited',
          expiresAt: '2026-05-01T00:00:00.000Z',
          mustChangePassword: false,
        }),
      },
    });
    await userEvent.type(await screen.findByLabelText('Your name'), 'Nia New');
    await choosePassword('a good long password');
    expect(await screen.findByRole('region', { name: 'Account' })).toBeTruthy();
    expect(callsTo(backend, 'auth.acceptInvite')[0]?.input).toEqual({
      token: 'cscx_inv_secret',
      password: 'a good long password',
      name: 'Nia New',
    });
    expect(store.current.token).toBe('cscx_sess_invited');
    expect(window.location.hash).toBe('#/');
  });

  it('says which address is being set up, and in which org, before a password is chosen', async () => {
    window.location.hash = '#/accept-invite?token=cscx_inv_secret';
    const { backend } = renderSettings({
      session: signedOut,
      procedures: {
        'auth.describeInvite': () => ({ email: 'nia@acme.example', orgName: 'Acme Success' }),
      },
    });
    const form = await screen.findByRole('form', { name: 'Accept the invitation' });
    expect(form.textContent).toContain('You are setting up nia@acme.example in Acme Success.');
    expect(callsTo(backend, 'auth.describeInvite').map((c) => c.input)).toEqual([
      { token: 'cscx_inv_secret' },
    ]);
    expect(callsTo(backend, 'auth.describeInvite')[0]?.authorization).toBeNull();
  });

  it('says the link cannot be used before anything is typed, and offers no form', async () => {
    window.location.hash = '#/accept-invite?token=cscx_inv_used';
    renderSettings({
      session: signedOut,
      procedures: {
        'auth.describeInvite': () => {
          throw new FakeProcedureError('BAD_REQUEST', 'this invitation link is invalid, used or expired');
        },
      },
    });
    expect(
      await screen.findByRole('heading', { name: 'This invitation link is invalid, used or expired' }),
    ).toBeTruthy();
    expect(
      screen.getByText('If the link was used or has expired, ask your administrator for a new one.'),
    ).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Accept the invitation' })).toBeNull();
  });

  it('says so when the link was used between opening it and setting the password', async () => {
    window.location.hash = '#/accept-invite?token=cscx_inv_used';
    renderSettings({
      session: signedOut,
      procedures: {
        'auth.acceptInvite': () => {
          throw new FakeProcedureError('BAD_REQUEST', 'this invitation link is invalid, used or expired');
        },
      },
    });
    await choosePassword('a good long password');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This invitation link is invalid, used or expired',
    );
  });

  it('refuses two different passwords without asking the server', async () => {
    window.location.hash = '#/accept-invite?token=cscx_inv_secret';
    const { backend } = renderSettings({ session: signedOut });
    await choosePassword('a good long password', 'a good long passwort');
    expect((await screen.findByRole('alert')).textContent).toBe('The passwords differ.');
    expect(callsTo(backend, 'auth.acceptInvite')).toHaveLength(0);
  });

  it('explains a link without its token', async () => {
    window.location.hash = '#/accept-invite';
    renderSettings({ session: signedOut });
    expect(await screen.findByRole('heading', { name: 'This invitation link is incomplete' })).toBeTruthy();
  });
});
