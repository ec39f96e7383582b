import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeProcedureError, type Procedure } from '../support/fake-backend.ts';
import { callsTo, meAs, renderSettings } from '../support/render-settings.tsx';

const admin = meAs({ role: 'admin', email: 'admin@cscx.localhost' });

async function saveDomains(typed: string) {
  const form = await screen.findByRole('form', { name: 'Organisation' });
  const domains = within(form).getByLabelText('Email domains');
  await userEvent.clear(domains);
  await userEvent.type(domains, typed);
  await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
  return form;
}

function renderOrg(procedures: Record<string, Procedure> = {}) {
  return renderSettings({
    at: '#/org',
    procedures: {
      'auth.me': () => admin,
      'org.update': (input) => ({ ...admin.org, ...(input as object) }),
      ...procedures,
    },
  });
}

describe("the organisation's email domains, for an admin", () => {
  it('takes domains separated by commas, spaces or new lines, trimmed and lower-cased, each once', async () => {
    const { backend } = renderOrg();
    const form = await saveDomains(' Acme.example,acme.io  @Acme.co.uk{enter}acme.example ');
    expect(await within(form).findByText('Saved.')).toBeTruthy();
    expect(callsTo(backend, 'org.update')[0]?.input).toEqual({
      name: 'CSCX',
      domains: ['acme.example', 'acme.io', 'acme.co.uk'],
    });
  });

  it('names the value that is not a domain name, and sends nothing', async () => {
    const { backend } = renderOrg();
    const form = await saveDomains('acme.example, acme..com');
    expect((await within(form).findByRole('alert')).textContent).toBe("'acme..com' is not a domain name");
    expect(callsTo(backend, 'org.update')).toHaveLength(0);
  });

  it('names every bad value at once', async () => {
    renderOrg();
    const form = await saveDomains('acme..com{enter}acme.example localhost');
    expect((await within(form).findByRole('alert')).textContent).toBe(
      "'acme..com' and 'localhost' are not domain names",
    );
  });

  it('saves once the bad value is corrected', async () => {
    const { backend } = renderOrg();
    const form = await saveDomains('acme..com');
    await within(form).findByRole('alert');
    await saveDomains('acme.com');
    expect(await within(form).findByText('Saved.')).toBeTruthy();
    expect(within(form).queryByRole('alert')).toBeNull();
    expect(callsTo(backend, 'org.update')[0]?.input).toEqual({ name: 'CSCX', domains: ['acme.com'] });
  });

  it('shows what the API refuses', async () => {
    renderOrg({
      'org.update': () => {
        throw new FakeProcedureError('BAD_REQUEST', 'domains: Too big: expected array to have <=50 items');
      },
    });
    const form = await saveDomains('acme.example');
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'Domains: Too big: expected array to have <=50 items',
    );
  });
});
