import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { UserOutput } from '../../../shared/api/auth.ts';
import { FakeProcedureError } from '../support/fake-backend.ts';
import { aMember, callsTo, meAs, renderSettings } from '../support/render-settings.tsx';

const admin = meAs({ role: 'admin', email: 'admin@cscx.localhost', name: 'Alex Admin' });

function aToken(overrides: { id: string; name: string }) {
  return {
    userId: admin.user.id,
    kind: 'pat' as const,
    prefix: 'cscx_pat_ab12',
    createdAt: '2026-04-01T00:00:00.000Z',
    expiresAt: '2026-07-01T00:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

function sectionLinks(): string[] {
  const nav = screen.getByRole('navigation', { name: 'Settings' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent ?? '');
}

describe('what each role sees', () => {
  it('offers a CSM their account (with the password) and tokens, but not members or the organisation', async () => {
    renderSettings({ procedures: { 'auth.me': () => meAs({ role: 'csm' }) } });
    expect(await screen.findByRole('region', { name: 'Account' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Password' })).toBeTruthy();
    expect(sectionLinks()).toEqual(['Account', 'Access tokens']);
  });

  it('offers a viewer no tokens (the API gives viewers none)', async () => {
    renderSettings({ procedures: { 'auth.me': () => meAs({ role: 'viewer' }) } });
    expect(await screen.findByRole('region', { name: 'Account' })).toBeTruthy();
    expect(sectionLinks()).toEqual(['Account']);
  });

  it('offers an admin every section', async () => {
    renderSettings({ procedures: { 'auth.me': () => admin } });
    await screen.findByRole('region', { name: 'Account' });
    expect(sectionLinks()).toEqual(['Account', 'Members', 'Organisation', 'Access tokens']);
  });
});

describe('members, for an admin', () => {
  it('invites a member with a role and shows the one-time link', async () => {
    const members: UserOutput[] = [admin.user];
    const { backend } = renderSettings({
      at: '#/members',
      procedures: {
        'auth.me': () => admin,
        'users.list': () => members,
        'users.invite': (input) => {
          const { email, name, role } = input as Pick<UserOutput, 'email' | 'name' | 'role'>;
          const user = aMember({ email, name, role });
          members.push(user);
          return {
            user,
            inviteToken: 'cscx_inv_secret',
            inviteUrl: 'http://127.0.0.1:8787/app/#/accept-invite?token=cscx_inv_secret',
            expiresAt: '2026-05-08T00:00:00.000Z',
          };
        },
      },
    });
    const invite = await screen.findByRole('form', { name: 'Invite a member' });
    await userEvent.type(within(invite).getByLabelText('Email'), 'new.csm@cscx.localhost');
    await userEvent.type(within(invite).getByLabelText('Name'), 'Nia New');
    await userEvent.selectOptions(within(invite).getByLabelText('Role'), 'viewer');
    await userEvent.click(within(invite).getByRole('button', { name: 'Invite' }));
    const link = (await within(invite).findByLabelText('Invitation link')) as HTMLInputElement;
    expect(link.value).toBe('http://127.0.0.1:8787/app/#/accept-invite?token=cscx_inv_secret');
    expect(callsTo(backend, 'users.invite')[0]?.input).toEqual({
      email: 'new.csm@cscx.localhost',
      name: 'Nia New',
      role: 'viewer',
    });
    const list = screen.getByRole('list', { name: 'Members' });
    expect(await within(list).findByText('Nia New')).toBeTruthy();
  });

  it("changes a member's role", async () => {
    const member = aMember({ email: 'sam@cscx.localhost', role: 'csm' });
    const { backend } = renderSettings({
      at: '#/members',
      procedures: {
        'auth.me': () => admin,
        'users.list': () => [admin.user, member],
        'users.setRole': (input) => ({ ...member, ...(input as { role: UserOutput['role'] }) }),
      },
    });
    await userEvent.selectOptions(await screen.findByLabelText('Role of sam@cscx.localhost'), 'admin');
    expect(callsTo(backend, 'users.setRole')[0]?.input).toEqual({ userId: member.id, role: 'admin' });
  });

  it('shows why the last admin cannot be demoted, and keeps the role shown as it is', async () => {
    renderSettings({
      at: '#/members',
      procedures: {
        'auth.me': () => admin,
        'users.list': () => [admin.user],
        'users.setRole': () => {
          throw new FakeProcedureError(
            'CONFLICT',
            'the last admin cannot be demoted: make someone else admin first',
          );
        },
      },
    });
    const role = (await screen.findByLabelText('Role of admin@cscx.localhost')) as HTMLSelectElement;
    await userEvent.selectOptions(role, 'csm');
    const list = screen.getByRole('list', { name: 'Members' });
    expect((await within(list).findByRole('alert')).textContent).toBe(
      'The last admin cannot be demoted: make someone else admin first',
    );
    expect(role.value).toBe('admin');
  });

  it('removes a member after a confirmation', async () => {
    const member = aMember({ email: 'leaving@cscx.localhost' });
    let members = [admin.user, member];
    const { backend } = renderSettings({
      at: '#/members',
      procedures: {
        'auth.me': () => admin,
        'users.list': () => members,
        'users.remove': () => {
          members = [admin.user];
          return { ok: true };
        },
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Remove leaving@cscx.localhost' }));
    expect(callsTo(backend, 'users.remove')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Confirm removal of leaving@cscx.localhost' }));
    await screen.findByRole('button', { name: 'Remove admin@cscx.localhost' });
    expect(screen.queryByText('leaving@cscx.localhost')).toBeNull();
    expect(callsTo(backend, 'users.remove')[0]?.input).toEqual({ userId: member.id });
  });
});

describe('personal access tokens', () => {
  it('creates a token, shows it once, and lists it', async () => {
    const tokens = [aToken({ id: '00000000-0000-4000-8000-0000000000c1', name: 'Old script' })];
    const { backend } = renderSettings({
      at: '#/tokens',
      procedures: {
        'auth.me': () => admin,
        'tokens.list': () => tokens,
        'tokens.create': (input) => {
          const info = aToken({
            id: '00000000-0000-4000-8000-0000000000c2',
            name: (input as { name: string }).name,
          });
          tokens.unshift(info);
          return { token: 'cscx_pat_ab12_the_whole_secret', info };
        },
      },
    });
    const create = await screen.findByRole('form', { name: 'Create a token' });
    await userEvent.type(within(create).getByLabelText('Token name'), 'CRM import');
    await userEvent.selectOptions(within(create).getByLabelText('Expires after'), '30');
    await userEvent.click(within(create).getByRole('button', { name: 'Create token' }));
    const secret = (await within(create).findByLabelText('New token “CRM import”')) as HTMLInputElement;
    expect(secret.value).toBe('cscx_pat_ab12_the_whole_secret');
    expect(callsTo(backend, 'tokens.create')[0]?.input).toEqual({ name: 'CRM import', expiresInDays: 30 });
    const list = screen.getByRole('list', { name: 'Personal access tokens' });
    expect(await within(list).findByText('CRM import')).toBeTruthy();
    expect(callsTo(backend, 'tokens.list')[0]?.input).toEqual({ userId: admin.user.id });
  });

  it('revokes a token and drops it from the list', async () => {
    let tokens = [aToken({ id: '00000000-0000-4000-8000-0000000000c1', name: 'Old script' })];
    const { backend } = renderSettings({
      at: '#/tokens',
      procedures: {
        'auth.me': () => admin,
        'tokens.list': () => tokens,
        'tokens.revoke': () => {
          tokens = [];
          return { ok: true };
        },
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke Old script' }));
    expect(await screen.findByText('No tokens yet.')).toBeTruthy();
    expect(callsTo(backend, 'tokens.revoke')[0]?.input).toEqual({
      id: '00000000-0000-4000-8000-0000000000c1',
    });
  });

  it('lists personal access tokens only, not sign-in sessions', async () => {
    renderSettings({
      at: '#/tokens',
      procedures: {
        'auth.me': () => admin,
        'tokens.list': () => [
          aToken({ id: '00000000-0000-4000-8000-0000000000c1', name: 'Script' }),
          { ...aToken({ id: '00000000-0000-4000-8000-0000000000c3', name: 'sign-in' }), kind: 'session' },
        ],
      },
    });
    const list = await screen.findByRole('list', { name: 'Personal access tokens' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
  });
});
