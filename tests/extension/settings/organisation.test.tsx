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
      'org.domainConflicts': () => [],
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

const acmeCorp = { customerId: '00000000-0000-4000-8000-0000000000a1', customerName: 'Acme Corp' };

describe("a customer's domain made the org's own, for an admin", () => {
  it('warns naming the customer, and saves nothing until asked to save anyway', async () => {
    const { backend } = renderOrg({
      'org.domainConflicts': (input) =>
        (input as { domains: string[] }).domains.includes('acme.example')
          ? [{ domain: 'acme.example', ...acmeCorp }]
          : [],
    });
    const form = await saveDomains('cscx.localhost, acme.example');
    expect((await within(form).findByRole('alert')).textContent).toContain(
      "acme.example is also Acme Corp's domain: its people would no longer match Acme Corp.",
    );
    expect(callsTo(backend, 'org.update')).toHaveLength(0);

    await userEvent.click(within(form).getByRole('button', { name: 'Save anyway' }));
    expect(await within(form).findByText('Saved.')).toBeTruthy();
    expect(callsTo(backend, 'org.update')[0]?.input).toEqual({
      name: 'CSCX',
      domains: ['cscx.localhost', 'acme.example'],
    });
    expect(within(form).queryByRole('alert')).toBeNull();
  });

  it("asks only about the domains that are not the org's already", async () => {
    const { backend } = renderOrg();
    const form = await saveDomains('cscx.localhost acme.example');
    await within(form).findByText('Saved.');
    expect(callsTo(backend, 'org.domainConflicts').map((c) => c.input)).toEqual([
      { domains: ['acme.example'] },
    ]);
  });

  it('drops the warning once the list is edited, and asks again on saving', async () => {
    const { backend } = renderOrg({ 'org.domainConflicts': () => [{ domain: 'acme.example', ...acmeCorp }] });
    const form = await saveDomains('acme.example');
    await within(form).findByRole('alert');
    await userEvent.type(within(form).getByLabelText('Email domains'), ' ');
    expect(within(form).queryByRole('alert')).toBeNull();
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await within(form).findByRole('alert');
    expect(callsTo(backend, 'org.domainConflicts')).toHaveLength(2);
    expect(callsTo(backend, 'org.update')).toHaveLength(0);
  });
});
