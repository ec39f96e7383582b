import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MemberOutput } from '../../../shared/api/auth.ts';
import { FakeProcedureError, type Procedure } from '../support/fake-backend.ts';
import { aMember, callsTo, meAs, renderSettings } from '../support/render-settings.tsx';

const admin = meAs({ role: 'admin', email: 'admin@cscx.localhost' });
const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString();
const lastWeek = new Date(Date.now() - 86_400_000).toISOString();

function renderMembers(members: MemberOutput[], procedures: Record<string, Procedure> = {}) {
  return renderSettings({
    at: '#/members',
    procedures: { 'auth.me': () => admin, 'users.list': () => members, ...procedures },
  });
}

async function rowOf(email: string): Promise<HTMLElement> {
  const list = await screen.findByRole('list', { name: 'Members' });
  const row = (await within(list).findByText(email)).closest('li');
  if (!row) throw new Error(`no row for ${email}`);
  return row;
}

const invited = () =>
  aMember({
    email: 'nia@cscx.localhost',
    pending: true,
    invitedAt: new Date().toISOString(),
    invitationExpiresAt: inAWeek,
  });

describe('members who have not signed in yet, for an admin', () => {
  it('says an invited member has not signed in yet, and when the link expires', async () => {
    renderMembers([aMember({ email: 'active@cscx.localhost' }), invited()]);
    const row = await rowOf('nia@cscx.localhost');
    expect(within(row).getByText(/^Invited — not signed in yet · link expires /)).toBeTruthy();
    const active = await rowOf('active@cscx.localhost');
    expect(within(active).queryByText(/Invited/)).toBeNull();
    expect(within(active).queryByRole('button', { name: /New invitation link/ })).toBeNull();
  });

  it('says when the link has expired', async () => {
    renderMembers([{ ...invited(), invitationExpiresAt: lastWeek }]);
    const row = await rowOf('nia@cscx.localhost');
    expect(within(row).getByText(/^Invited — not signed in yet · link expired /)).toBeTruthy();
  });

  it('issues a new link, shown once, saying the old one no longer works', async () => {
    const member = invited();
    const { backend } = renderMembers([member], {
      'users.reissueInvite': () => ({
        user: member,
        inviteToken: 'cscx_inv_new',
        inviteUrl: 'http://127.0.0.1:8787/app/#/accept-invite?token=cscx_inv_new',
        expiresAt: inAWeek,
      }),
    });
    const row = await rowOf('nia@cscx.localhost');
    await userEvent.click(
      within(row).getByRole('button', { name: 'New invitation link for nia@cscx.localhost' }),
    );
    const link = (await within(row).findByLabelText('Invitation link')) as HTMLInputElement;
    expect(link.value).toBe('http://127.0.0.1:8787/app/#/accept-invite?token=cscx_inv_new');
    expect(within(row).getByText(/Their previous link no longer works\.$/)).toBeTruthy();
    expect(callsTo(backend, 'users.reissueInvite').map((c) => c.input)).toEqual([{ userId: member.id }]);
  });

  it('shows why the API refuses a new link', async () => {
    renderMembers([invited()], {
      'users.reissueInvite': () => {
        throw new FakeProcedureError(
          'CONFLICT',
          'nia@cscx.localhost has already set a password: a new link is only for members who have not signed in yet',
        );
      },
    });
    const row = await rowOf('nia@cscx.localhost');
    await userEvent.click(
      within(row).getByRole('button', { name: 'New invitation link for nia@cscx.localhost' }),
    );
    expect((await within(row).findByRole('alert')).textContent).toBe(
      'Nia@cscx.localhost has already set a password: a new link is only for members who have not signed in yet',
    );
  });
});
