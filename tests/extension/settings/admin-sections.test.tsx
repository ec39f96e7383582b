import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { UserOutput } from '../../../shared/api/auth.ts';
import { FakeProcedureError } from '../support/fake-backend.ts';
import { aMember, callsTo, meAs, renderSettings } from '../support/render-settings.tsx';

const admin = meAs({ role: 'admin', email: 'admin@cscx.localhost', name: 'Alex Admin' });

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
    expect(sectionLinks()).toEqual([
      'Account',
      'Writing style',
      'Book of business',
      'Approvals',
      'Health alerts',
      'Health model',
      'Connections',
      'Access tokens',
    ]);
  });

  it('offers a viewer no tokens (the API gives viewers none)', async () => {
    renderSettings({ procedures: { 'auth.me': () => meAs({ role: 'viewer' }) } });
    expect(await screen.findByRole('region', { name: 'Account' })).toBeTruthy();
    expect(sectionLinks()).toEqual([
      'Account',
      'Writing style',
      'Book of business',
      'Approvals',
      'Health alerts',
      'Health model',
    ]);
  });

  it('offers an admin every section', async () => {
    renderSettings({ procedures: { 'auth.me': () => admin } });
    await screen.findByRole('region', { name: 'Account' });
    expect(sectionLinks()).toEqual([
      'Account',
      'Writing style',
      'Book of business',
      'Approvals',
      'Health alerts',
      'Health model',
      'Members',
      'Organisation',
      'AI',
      'Background jobs',
      'Signal ingest',
      'Connections',
      'Access tokens',
    ]);
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
