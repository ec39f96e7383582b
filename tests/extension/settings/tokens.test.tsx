import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Procedure } from '../support/fake-backend.ts';
import { aMember, aToken, callsTo, meAs, renderSettings } from '../support/render-settings.tsx';

const csm = meAs({ role: 'csm', email: 'csm@cscx.localhost' });

function renderTokens(procedures: Record<string, Procedure> = {}) {
  return renderSettings({ at: '#/tokens', procedures: { 'auth.me': () => csm, ...procedures } });
}

/** A backend that creates 'laptop script' and lists what it made. */
function creatingTokens() {
  const tokens = [aToken({ name: 'Old script' })];
  return {
    'tokens.list': () => tokens,
    'tokens.create': (input: unknown) => {
      const info = aToken({ name: (input as { name: string }).name });
      tokens.unshift(info);
      return { token: 'cscx_pat_ab12_the_whole_secret', info };
    },
  };
}

async function createLaptopScript() {
  const create = await screen.findByRole('form', { name: 'Create a token' });
  await userEvent.type(within(create).getByLabelText('Token name'), 'laptop script');
  await userEvent.click(within(create).getByRole('button', { name: 'Create token' }));
  await within(create).findByLabelText('New token “laptop script”');
  return create;
}

async function rowOf(name: string): Promise<HTMLElement> {
  const list = await screen.findByRole('list', { name: 'Personal access tokens' });
  const row = (await within(list).findByText(name)).closest('li');
  if (!row) throw new Error(`no row for ${name}`);
  return row;
}

describe('creating a personal access token', () => {
  it('creates a token, shows it once, and lists it', async () => {
    const { backend } = renderTokens(creatingTokens());
    const create = await screen.findByRole('form', { name: 'Create a token' });
    await userEvent.type(within(create).getByLabelText('Token name'), 'CRM import');
    await userEvent.selectOptions(within(create).getByLabelText('Expires after'), '30');
    await userEvent.click(within(create).getByRole('button', { name: 'Create token' }));
    const secret = (await within(create).findByLabelText('New token “CRM import”')) as HTMLInputElement;
    expect(secret.value).toBe('cscx_pat_ab12_the_whole_secret');
    expect(callsTo(backend, 'tokens.create')[0]?.input).toEqual({ name: 'CRM import', expiresInDays: 30 });
    expect(await rowOf('CRM import')).toBeTruthy();
    expect(callsTo(backend, 'tokens.list')[0]?.input).toEqual({ userId: csm.user.id });
  });

  it('takes the secret off the screen once it is copied, with the clipboard holding it', async () => {
    const user = userEvent.setup();
    renderTokens(creatingTokens());
    const create = await createLaptopScript();
    await user.click(within(create).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe('cscx_pat_ab12_the_whole_secret');
    expect(within(create).queryByLabelText('New token “laptop script”')).toBeNull();
    expect(
      within(create).getByText('New token “laptop script”: copied. It is not shown again.'),
    ).toBeTruthy();
    expect(create.textContent).not.toContain('the_whole_secret');
  });

  it('clears the secret on Done', async () => {
    renderTokens(creatingTokens());
    const create = await createLaptopScript();
    await userEvent.click(within(create).getByRole('button', { name: 'Done' }));
    expect(within(create).queryByRole('status')).toBeNull();
    expect(document.body.textContent).not.toContain('the_whole_secret');
  });

  it('does not show the secret again after leaving the section and coming back', async () => {
    renderTokens(creatingTokens());
    await createLaptopScript();
    const nav = screen.getByRole('navigation', { name: 'Settings' });
    await userEvent.click(within(nav).getByRole('link', { name: 'Account' }));
    await screen.findByRole('region', { name: 'Account' });
    await userEvent.click(within(nav).getByRole('link', { name: 'Access tokens' }));
    expect(await rowOf('laptop script')).toBeTruthy();
    expect(document.body.textContent).not.toContain('the_whole_secret');
  });
});

describe('revoking a personal access token', () => {
  it('asks first, naming the token and what stops working, and Cancel sends nothing', async () => {
    const { backend } = renderTokens({ 'tokens.list': () => [aToken({ name: 'laptop script' })] });
    const row = await rowOf('laptop script');
    await userEvent.click(within(row).getByRole('button', { name: 'Revoke laptop script' }));
    expect(within(row).getByText("Revoke 'laptop script'? Scripts using it stop working.")).toBeTruthy();
    expect(document.activeElement).toBe(within(row).getByRole('button', { name: 'Cancel' }));
    await userEvent.click(within(row).getByRole('button', { name: 'Cancel' }));
    expect(within(row).queryByText(/Scripts using it stop working/)).toBeNull();
    expect(callsTo(backend, 'tokens.revoke')).toHaveLength(0);
  });

  it('revokes once confirmed, and drops it from the list', async () => {
    const laptop = aToken({ name: 'laptop script' });
    let tokens = [laptop];
    const { backend } = renderTokens({
      'tokens.list': () => tokens,
      'tokens.revoke': () => {
        tokens = [];
        return { ok: true };
      },
    });
    const row = await rowOf('laptop script');
    await userEvent.click(within(row).getByRole('button', { name: 'Revoke laptop script' }));
    await userEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('No tokens yet.')).toBeTruthy();
    expect(callsTo(backend, 'tokens.revoke').map((c) => c.input)).toEqual([{ id: laptop.id }]);
  });

  it('lists personal access tokens only, not sign-in sessions', async () => {
    renderTokens({
      'tokens.list': () => [aToken({ name: 'Script' }), aToken({ name: 'sign-in', kind: 'session' })],
    });
    const list = await screen.findByRole('list', { name: 'Personal access tokens' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
  });
});

describe("members' tokens, for an admin", () => {
  const admin = meAs({ role: 'admin', email: 'admin@cscx.localhost' });
  const sam = aMember({ email: 'sam@cscx.localhost', name: 'Sam Seller' });
  const mine = aToken({ userId: admin.user.id, name: 'my script' });
  const sams = aToken({ userId: sam.id, name: 'laptop script' });

  /** `tokens.list` as the API answers an admin: one user's, or the whole org's without a userId. */
  function renderAsAdmin(procedures: Record<string, Procedure> = {}) {
    let tokens = [mine, sams];
    return renderSettings({
      at: '#/tokens',
      procedures: {
        'auth.me': () => admin,
        'users.list': () => [admin.user, sam],
        'tokens.list': (input) => {
          const { userId } = (input ?? {}) as { userId?: string };
          return tokens.filter((t) => !userId || t.userId === userId);
        },
        'tokens.revoke': (input) => {
          tokens = tokens.filter((t) => t.id !== (input as { id: string }).id);
          return { ok: true };
        },
        ...procedures,
      },
    });
  }

  it("lists a member's tokens when the admin picks them, and revokes one after asking", async () => {
    const { backend } = renderAsAdmin();
    expect(await rowOf('my script')).toBeTruthy();
    await userEvent.selectOptions(
      await screen.findByLabelText('Tokens of'),
      'Sam Seller (sam@cscx.localhost)',
    );
    const row = await rowOf('laptop script');
    expect(screen.queryByText('my script')).toBeNull();
    expect(callsTo(backend, 'tokens.list').at(-1)?.input).toEqual({ userId: sam.id });

    await userEvent.click(within(row).getByRole('button', { name: 'Revoke laptop script' }));
    expect(within(row).getByText("Revoke 'laptop script'? Scripts using it stop working.")).toBeTruthy();
    await userEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('Sam Seller (sam@cscx.localhost) has no tokens.')).toBeTruthy();
    expect(callsTo(backend, 'tokens.revoke').map((c) => c.input)).toEqual([{ id: sams.id }]);
  });

  it("lists everyone's tokens with whose each is", async () => {
    const { backend } = renderAsAdmin();
    await userEvent.selectOptions(await screen.findByLabelText('Tokens of'), 'Everyone');
    const samsRow = await rowOf('laptop script');
    expect(samsRow.textContent).toContain('Sam Seller (sam@cscx.localhost) · ');
    expect((await rowOf('my script')).textContent).toContain('You · ');
    expect(callsTo(backend, 'tokens.list').at(-1)?.input).toEqual({});
  });

  it("offers to create a token only in the admin's own list, since a token is made by its owner", async () => {
    renderAsAdmin();
    expect(await screen.findByRole('form', { name: 'Create a token' })).toBeTruthy();
    await userEvent.selectOptions(
      await screen.findByLabelText('Tokens of'),
      'Sam Seller (sam@cscx.localhost)',
    );
    await rowOf('laptop script');
    expect(screen.queryByRole('form', { name: 'Create a token' })).toBeNull();
    expect(
      screen.getByText('Each member creates their own tokens. Revoking one here stops it at once.'),
    ).toBeTruthy();
  });

  it('offers a CSM no choice of owner, and does not ask for the members', async () => {
    const { backend } = renderTokens({ 'tokens.list': () => [aToken({ name: 'mine' })] });
    await rowOf('mine');
    expect(screen.queryByLabelText('Tokens of')).toBeNull();
    expect(callsTo(backend, 'users.list')).toHaveLength(0);
  });
});
