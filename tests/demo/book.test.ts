import { describe, expect, it } from 'vitest';
import { generateAccount, planBook } from '../../backend/demo/book.ts';

const now = new Date('2026-11-23T10:00:00Z');

describe('the demo book generator', () => {
  it('draws the same book from the same seed, and a different one from another', () => {
    const plan = planBook({ customers: 200, activities: 8000, now });
    const again = planBook({ customers: 200, activities: 8000, now });
    const other = planBook({ customers: 200, activities: 8000, now, seed: 'another seed' });
    for (const index of [0, 57, 199])
      expect(generateAccount(again, index)).toEqual(generateAccount(plan, index));
    expect(generateAccount(other, 57).contacts).not.toEqual(generateAccount(plan, 57).contacts);
  });

  it('shares out exactly the activities asked for, skewed toward a few busy accounts', () => {
    const plan = planBook({ customers: 10_000, activities: 500_000, now });
    const counts = [...plan.activityCounts].sort((a, b) => a - b);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(500_000);
    expect(counts[0]).toBeGreaterThanOrEqual(4);
    expect(counts[counts.length - 1]).toBeGreaterThan(20 * counts[5_000]!);
  });

  it('keeps names, domains and contact addresses unique across 10,000 customers, all at .example', () => {
    const plan = planBook({ customers: 10_000, activities: 40_000, now });
    const names = new Set<string>();
    const domains = new Set<string>();
    const emails = new Set<string>();
    let accounts = 0;
    for (let index = 0; index < plan.customers; index++) {
      const account = generateAccount(plan, index);
      accounts++;
      names.add(account.customer.name);
      for (const domain of account.domains) domains.add(domain);
      for (const contact of account.contacts) emails.add(contact.email);
      expect(account.domains.every((d) => d.endsWith('.example'))).toBe(true);
    }
    expect(names.size).toBe(accounts);
    expect(domains.size).toBeGreaterThan(accounts);
    expect(emails.size).toBeGreaterThan(4 * accounts);
  });

  it('puts renewals in the next 12 months and activities in the 6 months before the day it runs', () => {
    const plan = planBook({ customers: 300, activities: 12_000, now });
    for (let index = 0; index < plan.customers; index++) {
      const { customer, activities, tasks } = generateAccount(plan, index);
      expect(customer.renewalDate > '2026-11-23' && customer.renewalDate <= '2027-11-23').toBe(true);
      for (const activity of activities) {
        expect(activity.occurredAt < '2026-11-23').toBe(true);
        expect(activity.occurredAt >= '2026-05-24').toBe(true);
      }
      expect(tasks.every((t) => t.status === 'open' || t.dueDate < '2026-11-23')).toBe(true);
    }
  });
});
