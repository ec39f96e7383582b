import { sql } from 'drizzle-orm';
import type { Db } from '../backend/db/client.ts';
import { inOrg } from '../backend/db/tenancy.ts';

export interface ContextCall {
  emails: string[];
  expectedCustomerId: string;
}

interface CustomerWeight {
  id: string;
  activities: number;
  domain: string;
  contacts: string[];
}

/** Deterministic: the same seed draws the same calls from the same data. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A thread's participants as the sidebar sees them: a customer drawn in proportion to its activity
 * (busy accounts get more mail), two of its contacts and one address at its domain we have never seen.
 */
export async function drawContextCalls(
  db: Db,
  orgId: string,
  count: number,
  seed = 42,
): Promise<ContextCall[]> {
  const rows = await inOrg(db, orgId, (tx) =>
    tx.execute<{ id: string; activities: number; domain: string; contacts: string[] }>(sql`
      select c.id,
             (select count(*)::int from activities a where a.org_id = c.org_id and a.customer_id = c.id) as activities,
             (select min(d.domain) from customer_domains d where d.customer_id = c.id) as domain,
             (select array_agg(k.email order by k.email) from contacts k where k.org_id = c.org_id and k.customer_id = c.id) as contacts
      from customers c where c.org_id = ${orgId}`),
  );
  const weights: CustomerWeight[] = [...rows].filter(
    (r) => r.domain && (r.contacts?.length ?? 0) >= 2 && r.activities > 0,
  );
  if (weights.length === 0)
    throw new Error('no customer with a domain, two contacts and activity: seed first');
  const total = weights.reduce((sum, w) => sum + w.activities, 0);
  const random = mulberry32(seed);
  const calls: ContextCall[] = [];
  for (let i = 0; i < count; i++) {
    const customer = pickWeighted(weights, random() * total);
    const first = Math.floor(random() * customer.contacts.length);
    const second =
      (first + 1 + Math.floor(random() * (customer.contacts.length - 1))) % customer.contacts.length;
    calls.push({
      emails: [customer.contacts[first]!, customer.contacts[second]!, `new.person.${i}@${customer.domain}`],
      expectedCustomerId: customer.id,
    });
  }
  return calls;
}

function pickWeighted<T extends { activities: number }>(weights: T[], point: number): T {
  let remaining = point;
  for (const weight of weights) {
    remaining -= weight.activities;
    if (remaining < 0) return weight;
  }
  return weights[weights.length - 1]!;
}

export interface TopicCall {
  topic: string;
  names: string[];
  expectedCustomerId: string;
}

/** How people write a meeting's name: the customer, us, what it is about, and what goes between. */
const topicShapes = [
  (customer: string, us: string) => `${customer} × ${us} — Q3 renewal review`,
  (customer: string, us: string) => `${us} <> ${customer} | QBR`,
  (customer: string, us: string) => `${customer} / ${us}: weekly sync`,
  (customer: string, us: string) => `Onboarding - ${customer} & ${us}`,
  (customer: string, us: string) => `${us} x ${customer} – kickoff`,
];

/**
 * A Zoom meeting as the sidebar sees it: no addresses, a topic naming the customer (drawn like the
 * thread workload) beside the org's own name, two of its contacts' display names and a guest's.
 */
export async function drawTopicCalls(
  db: Db,
  orgId: string,
  orgName: string,
  count: number,
  seed = 11,
): Promise<TopicCall[]> {
  const rows = await inOrg(db, orgId, (tx) =>
    tx.execute<{ id: string; name: string; activities: number; contacts: string[] }>(sql`
      select c.id, c.name,
             (select count(*)::int from activities a where a.org_id = c.org_id and a.customer_id = c.id) as activities,
             (select array_agg(k.name order by k.email) from contacts k where k.org_id = c.org_id and k.customer_id = c.id) as contacts
      from customers c where c.org_id = ${orgId}`),
  );
  const weights = [...rows].filter((r) => (r.contacts?.length ?? 0) >= 2 && r.activities > 0);
  if (weights.length === 0) throw new Error('no customer with two contacts and activity: seed first');
  const total = weights.reduce((sum, w) => sum + w.activities, 0);
  const random = mulberry32(seed);
  const calls: TopicCall[] = [];
  for (let i = 0; i < count; i++) {
    const customer = pickWeighted(weights, random() * total);
    const shape = topicShapes[i % topicShapes.length]!;
    const first = Math.floor(random() * customer.contacts.length);
    const second = (first + 1) % customer.contacts.length;
    calls.push({
      topic: shape(customer.name, orgName),
      names: [customer.contacts[first]!, customer.contacts[second]!, `Guest ${i}`],
      expectedCustomerId: customer.id,
    });
  }
  return calls;
}
