import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import pino from 'pino';
import type { DraftEvent, DraftTone, GenerateDraftInput } from '../../shared/api/drafts.ts';
import type { RecordSentOutput } from '../../shared/api/style.ts';
import { sessionLifetimeMs } from '../auth/principal.ts';
import { insertToken } from '../auth/queries.ts';
import { issueToken } from '../auth/secrets.ts';
import { loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { contacts, customers } from '../db/schema.ts';
import { inOrg, transactionsOf } from '../db/tenancy.ts';
import { csmNames } from '../demo/names.ts';
import { topics } from '../demo/phrases.ts';
import { createRandom } from '../demo/random.ts';
import { seedDemo } from '../demo/seed.ts';
import type { PublicDeps } from '../deps.ts';
import { findOrCreateOrg, type OrgRef } from '../org/lookup.ts';
import { createRateLimits } from '../rate-limits/call-limiter.ts';
import { createSecretBox } from '../secrets/secret-box.ts';
import { appRouter } from '../trpc/app-router.ts';
import { createCallerFactory } from '../trpc/trpc.ts';
import { createUser } from '../users/create.ts';

/**
 * What `cscx eval style` runs on: an embedded database of its own in a temp folder, migrated,
 * with a small demo book, and the real API called in-process (the tRPC router, its transaction
 * bases, drafts.generate with the local provider, drafts.recordSent). No key, no network.
 */
export interface StyleWorld {
  /** A new CSM of the org, signed in: one per scripted CSM, so each has a profile of their own. */
  addCsm(index: number): Promise<EvalCsm>;
  /** A demo-like customer email for this CSM's round: a customer of the book, one to three asks. */
  threadFor(csm: EvalCsm, seed: number, round: number): Promise<EvalThread>;
  close(): Promise<void>;
}

export interface EvalCsm {
  name: string;
  draft(input: GenerateDraftInput): Promise<{ text: string; draftId: string }>;
  recordSent(draftId: string, sentText: string): Promise<RecordSentOutput>;
}

export interface EvalThread {
  input: GenerateDraftInput;
  recipient: string;
}

const now = new Date('2026-11-23T12:00:00Z');
const bookSize = { customers: 12, activities: 240 };

/** A world in a temp folder of its own, gone when it closes. */
export async function openStyleWorld(): Promise<StyleWorld> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cscx-eval-style-'));
  let database: Database | undefined;
  try {
    database = await openDatabase({ dataDir });
    await migrateDatabase(database);
    const opened = database;
    return await styleWorldOn(opened, async () => {
      await opened.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
  } catch (error) {
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** A world in a new org of a migrated database; `onClose` is what closing it does (nothing for a test's). */
export async function styleWorldOn(
  database: Database,
  onClose: () => Promise<void> = async () => {},
): Promise<StyleWorld> {
  const { db } = database;
  const org = await findOrCreateOrg(db, `Style eval ${randomBytes(4).toString('hex')}`);
  await seedDemo(db, org, { ...bookSize, now });
  const book = await customersWithContacts(db, org);
  // The environment is not read: a key in the shell must not send the eval to a remote model.
  const config = loadConfig({ CSCX_AI_PROVIDER: 'local' }, false);
  const deps: PublicDeps = {
    clock: { now: () => now },
    config,
    log: pino({ level: 'silent' }),
    limits: createRateLimits({ callsPerMinute: 1_000_000, signInsPerMinute: 1_000 }),
    secrets: createSecretBox(randomBytes(32)),
    transactions: transactionsOf(database),
  };
  const callerFor = createCallerFactory(appRouter);
  return {
    async addCsm(index) {
      const name = csmNames[index % csmNames.length]!;
      const token = await signedInCsm(db, org, name, index);
      const api = callerFor({ deps, bearerToken: token, ip: '127.0.0.1' });
      return {
        name,
        async draft(input) {
          let text = '';
          let draftId = '';
          for await (const event of (await api.drafts.generate(input)) as AsyncIterable<DraftEvent>) {
            if (event.type === 'text') text += event.text;
            else draftId = event.draftId;
          }
          return { text, draftId };
        },
        recordSent: (draftId, sentText) => api.drafts.recordSent({ draftId, sentText }),
      };
    },
    async threadFor(csm, seed, round) {
      const random = createRandom('cscx-eval-style-thread', seed, round);
      const customer = random.pick(book);
      const contact = random.pick(customer.contacts);
      const topic = random.pick(topics);
      const asks = pickAsks(random, topic, customer.name);
      const text = `Hi ${csm.name.split(' ')[0]},\n\n${asks.join(' ')}\n\nThanks,\n${contact.name.split(' ')[0]}`;
      const input: GenerateDraftInput = {
        customerId: customer.id,
        thread: {
          threadId: `eval-${seed}-${round}`,
          subject: `Question about ${topic}`,
          messages: [
            { from: { email: contact.email, name: contact.name }, sentAt: '2026-11-20T09:00:00+00:00', text },
          ],
        },
        intent: 'reply',
        instruction: null,
        tone: toneOf(seed),
        length: 'medium',
        seed: round,
      };
      return { input, recipient: contact.name };
    },
    close: onClose,
  };
}

/** The tone a CSM drafts in, picked once per CSM as they would in the sidebar. */
function toneOf(seed: number): DraftTone {
  return createRandom('cscx-eval-style-tone', seed).pick(['warm', 'warm', 'concise', 'formal'] as const);
}

const askTemplates = [
  (topic: string) => `Could you send us the setup guide for the ${topic}?`,
  () => 'When is our renewal date again?',
  (topic: string) => `Can we set up a call next week to go over the ${topic}?`,
  (topic: string) => `Would you share the latest usage numbers for the ${topic}?`,
  (topic: string) => `We are seeing errors in the ${topic} since Monday. Can someone take a look?`,
  (_: string, company: string) => `Can you add two more seats for ${company}?`,
  () => 'Do you have an update on our open ticket?',
];

function pickAsks(random: ReturnType<typeof createRandom>, topic: string, company: string): string[] {
  const count = random.int(1, 3);
  const pool = [...askTemplates];
  const asks: string[] = [];
  while (asks.length < count) asks.push(pool.splice(random.int(0, pool.length - 1), 1)[0]!(topic, company));
  return asks;
}

async function customersWithContacts(db: Database['db'], org: OrgRef) {
  const rows = await inOrg(db, org.id, (tx) =>
    tx
      .select({ id: customers.id, name: customers.name, contact: contacts.name, email: contacts.email })
      .from(customers)
      .innerJoin(contacts, and(eq(contacts.orgId, customers.orgId), eq(contacts.customerId, customers.id)))
      .where(eq(customers.orgId, org.id))
      .orderBy(asc(customers.name), asc(contacts.email)),
  );
  const byId = new Map<string, { id: string; name: string; contacts: { name: string; email: string }[] }>();
  for (const row of rows) {
    const entry = byId.get(row.id) ?? { id: row.id, name: row.name, contacts: [] };
    entry.contacts.push({ name: row.contact, email: row.email });
    byId.set(row.id, entry);
  }
  return [...byId.values()];
}

async function signedInCsm(db: Database['db'], org: OrgRef, name: string, index: number): Promise<string> {
  const user = await createUser(db, {
    orgId: org.id,
    email: `style-eval-${index}@csm.example`,
    name,
    role: 'csm',
    mustChangePassword: false,
    now,
  });
  const issued = issueToken('session');
  await inOrg(db, org.id, (tx) =>
    insertToken(tx, {
      orgId: org.id,
      userId: user.id,
      kind: 'session',
      prefix: issued.prefix,
      tokenHash: issued.hash,
      expiresAt: new Date(now.getTime() + sessionLifetimeMs),
    }),
  );
  return issued.token;
}
