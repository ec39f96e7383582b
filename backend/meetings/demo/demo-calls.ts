import { readFile } from 'node:fs/promises';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import pino from 'pino';
import { actingMember } from '../../auth/acting-member.ts';
import type { Principal } from '../../auth/principal.ts';
import { systemClock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { activities, contacts, customers, users } from '../../db/schema.ts';
import { inOrg } from '../../db/tenancy.ts';
import type { StreamingDeps } from '../../deps.ts';
import { createRateLimits } from '../../rate-limits/call-limiter.ts';
import { createSecretBox } from '../../secrets/secret-box.ts';
import { loadSecretKey } from '../../secrets/secret-key.ts';
import { type StoredCall, storeCall } from '../call-records/store-call.ts';
import { parseTranscript } from '../transcripts/parse-transcript.ts';

/** Two calls of the demo book: a renewal at risk, and a growing account's quarterly review. */
const demoCalls = [
  { file: 'renewal-risk-call.vtt', stage: 'renewal' as const, title: 'Renewal check-in' },
  { file: 'expansion-qbr.vtt', stage: 'growth' as const, title: 'Quarterly business review' },
];

interface DemoCallTarget {
  customerId: string;
  ownerId: string | null;
  customerName: string;
  csm: string;
  champion: string;
  sponsor: string;
  meetingId: string | null;
}

/** The biggest account of the stage, its two most senior contacts, and its latest meeting on the timeline. */
async function demoCallTarget(
  tx: Db,
  orgId: string,
  stage: 'renewal' | 'growth',
): Promise<DemoCallTarget | null> {
  const [customer] = await tx
    .select({ id: customers.id, name: customers.name, ownerId: customers.ownerId, owner: users.name })
    .from(customers)
    .leftJoin(users, and(eq(users.orgId, customers.orgId), eq(users.id, customers.ownerId)))
    .where(and(eq(customers.orgId, orgId), eq(customers.stage, stage), eq(customers.source, 'demo')))
    .orderBy(desc(customers.arrMinor), asc(customers.id))
    .limit(1);
  if (!customer) return null;
  const people = await tx
    .select({ name: contacts.name, role: contacts.role })
    .from(contacts)
    .where(
      and(
        eq(contacts.orgId, orgId),
        eq(contacts.customerId, customer.id),
        inArray(contacts.role, ['champion', 'executive_sponsor', 'decision_maker']),
      ),
    )
    .orderBy(asc(contacts.role), asc(contacts.name))
    .limit(2);
  const [meeting] = await tx
    .select({ id: activities.id })
    .from(activities)
    .where(
      and(
        eq(activities.orgId, orgId),
        eq(activities.customerId, customer.id),
        eq(activities.kind, 'meeting'),
      ),
    )
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(1);
  return {
    customerId: customer.id,
    ownerId: customer.ownerId,
    customerName: customer.name,
    csm: customer.owner || 'Jordan Lee',
    champion: people[0]?.name || 'Sam Carter',
    sponsor: people[1]?.name || 'Robin Hale',
    meetingId: meeting?.id ?? null,
  };
}

function fill(template: string, target: DemoCallTarget): string {
  return template
    .replaceAll('{{csm}}', target.csm)
    .replaceAll('{{champion}}', target.champion)
    .replaceAll('{{sponsor}}', target.sponsor)
    .replaceAll('{{customer}}', target.customerName);
}

/**
 * The demo's call records: each transcript, with the account's own people as speakers, stored as
 * its latest meeting's call (through the same path as an upload, so the record, its timeline entry
 * and its health signals are all there). Seeding again stores nothing new.
 */
export async function seedDemoCalls(db: Db, config: Config, orgId: string): Promise<StoredCall[]> {
  const stored: StoredCall[] = [];
  for (const call of demoCalls) {
    const found = await inOrg(db, orgId, async (tx) => {
      const target = await demoCallTarget(tx, orgId, call.stage);
      const memberId = target?.ownerId ?? (await firstMember(tx, orgId));
      return target && memberId ? { target, member: await actingMember(tx, orgId, memberId) } : undefined;
    });
    if (!found?.member) continue;
    const { target, member } = found;
    const template = await readFile(new URL(call.file, import.meta.url), 'utf8');
    const turns = parseTranscript(fill(template, target), 'vtt');
    stored.push(
      await storeCall(demoDeps(db, config, orgId, member), {
        turns,
        source: 'upload',
        target: target.meetingId
          ? { activityId: target.meetingId }
          : { customerId: target.customerId, title: call.title, occurredAt: systemClock.now() },
      }),
    );
  }
  return stored;
}

/** Whose model calls the demo's analyses are when an account has no owner: the org's first member. */
async function firstMember(tx: Db, orgId: string): Promise<string | undefined> {
  const [member] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.orgId, orgId))
    .orderBy(asc(users.createdAt))
    .limit(1);
  return member?.id;
}

/** The account's CSM had the call: the analysis runs as them. */
function demoDeps(db: Db, config: Config, orgId: string, principal: Principal): StreamingDeps {
  return {
    clock: systemClock,
    log: pino({ level: 'warn' }, process.stderr),
    config,
    limits: createRateLimits({ callsPerMinute: config.rateLimitPerMinute, signInsPerMinute: 1 }),
    secrets: createSecretBox(loadSecretKey(config)),
    principal,
    orgId,
    inOrg: (work) => inOrg(db, orgId, work),
  };
}
