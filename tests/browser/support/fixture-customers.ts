import { callProcedure, resultData } from '../../process/support/cscx-process.ts';

/** The accounts the fixture pages are about, beside the demo book (whose domains end in .example). */
export const fixtureCustomers = {
  acme: {
    name: 'Acme Robotics',
    domains: ['acme-robotics.test'],
    segment: 'mid_market',
    stage: 'renewal',
    arrMinor: 8_400_000,
    renewsInDays: 38,
  },
  initech: {
    name: 'Initech',
    domains: ['initech.test'],
    segment: 'smb',
    stage: 'onboarding',
    arrMinor: 1_250_000,
    renewsInDays: 320,
  },
  globex: {
    name: 'Globex Industrial',
    domains: ['globex.test'],
    segment: 'enterprise',
    stage: 'growth',
    arrMinor: 23_000_000,
    renewsInDays: 150,
  },
} as const;

/** Renewals a few months out from the day the tests run, so the countdown reads like a real book. */
function renewalIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function seedFixtureCustomers(server: { url: string }, token: string): Promise<void> {
  // The CSM's own colleagues are never customers: the org owns its domain.
  resultData(await callProcedure(server, 'org.update', { domains: ['cscx.localhost'] }, token));
  const ids: Record<string, string> = {};
  for (const [key, customer] of Object.entries(fixtureCustomers)) {
    const created = resultData<{ id: string }>(
      await callProcedure(
        server,
        'customers.upsert',
        { ...withoutRenewal(customer), renewalDate: renewalIn(customer.renewsInDays) },
        token,
      ),
    );
    ids[key] = created.id;
  }
  resultData(
    await callProcedure(
      server,
      'contacts.link',
      { email: 'dana.reyes@acme-robotics.test', customerId: ids.acme, name: 'Dana Reyes', role: 'champion' },
      token,
    ),
  );
}

function withoutRenewal<T extends { renewsInDays: number }>(customer: T): Omit<T, 'renewsInDays'> {
  const { renewsInDays: _, ...rest } = customer;
  return rest;
}
