import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import pino from 'pino';
import { maxTranscriptChars, transcriptFormats } from '../../shared/api/call-records.ts';
import { actingMember } from '../auth/acting-member.ts';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database, Db } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { inOrg } from '../db/tenancy.ts';
import type { StreamingDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { findOrgForCli } from '../org/lookup.ts';
import { createRateLimits } from '../rate-limits/call-limiter.ts';
import { createSecretBox } from '../secrets/secret-box.ts';
import { loadSecretKey } from '../secrets/secret-key.ts';
import type { StoredCall } from './call-records/store-call.ts';
import { storeCall } from './call-records/store-call.ts';
import { conferenceKey } from './conference-id.ts';
import { parseTranscript } from './transcripts/parse-transcript.ts';

const usage =
  'usage: import transcript FILE (--meeting ID | --customer ID) [--format vtt|srt|plain] [--title T] [--at ISO] [--as EMAIL] [--org NAME|ID]\n' +
  '  --meeting: the meeting on a timeline (its id) or its Zoom meeting number; --customer: a new call on its timeline';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `cscx import transcript FILE --meeting ID`: the file is checked and parsed before the database
 * is touched, analysed with no transaction open, and stored as the meeting's call. Steps go to
 * stderr, the outcome to stdout; a bad file says what is wrong and stores nothing.
 */
export async function importTranscriptFromCli(
  database: Database,
  config: Config,
  args: string[],
): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      meeting: { type: 'string' },
      customer: { type: 'string' },
      format: { type: 'string' },
      title: { type: 'string' },
      at: { type: 'string' },
      as: { type: 'string' },
      org: { type: 'string' },
    },
  });
  const file = positionals[0];
  const format = transcriptFormats.find((f) => f === values.format);
  if (!file || (!values.meeting && !values.customer) || (values.format && !format))
    throw new DomainError('BAD_REQUEST', usage);
  const text = await readTranscriptFile(file);
  const turns = parseTranscript(text, format);
  const speakers = new Set(turns.map((t) => t.speaker)).size;
  process.stderr.write(`${file}: ${turns.length} turns by ${speakers} speakers\n`);

  const org = await findOrgForCli(database.db, values.org);
  const principal = await inOrg(database.db, org.id, async (tx) => {
    const userId = await memberId(tx, org.id, values.as);
    return userId ? actingMember(tx, org.id, userId) : undefined;
  });
  if (!principal)
    throw new DomainError(
      'NOT_FOUND',
      values.as ? `no member ${values.as} in "${org.name}"` : `"${org.name}" has no admin`,
    );
  const deps: StreamingDeps = {
    clock: systemClock,
    log: pino({ level: 'warn' }, process.stderr),
    config,
    limits: createRateLimits({ callsPerMinute: config.rateLimitPerMinute, signInsPerMinute: 1 }),
    secrets: createSecretBox(loadSecretKey(config)),
    principal,
    orgId: org.id,
    inOrg: (work) => inOrg(database.db, org.id, work),
  };
  const occurredAt = values.at ? new Date(values.at) : systemClock.now();
  if (Number.isNaN(occurredAt.getTime()))
    throw new DomainError('BAD_REQUEST', `--at ${values.at} is not a date`);
  const title = values.title ?? path.basename(file).replace(/\.[^.]+$/, '');
  const meeting = values.meeting;
  const target = meeting
    ? uuidPattern.test(meeting)
      ? { activityId: meeting }
      : { conferenceId: conferenceKey(meeting), title, occurredAt, timeGiven: values.at !== undefined }
    : { customerId: values.customer as string, title, occurredAt, timeGiven: values.at !== undefined };
  process.stderr.write('analysing…\n');
  const stored = await storeCall(deps, { turns, source: 'cli', target });
  process.stdout.write(`${describeStored(stored, org.name)}\n`);
}

async function readTranscriptFile(file: string): Promise<string> {
  const info = await stat(file).catch(() => {
    throw new DomainError('NOT_FOUND', `cannot read ${file}`);
  });
  if (info.size > maxTranscriptChars * 4)
    throw new DomainError(
      'BAD_REQUEST',
      `${file} is larger than a transcript can be (${maxTranscriptChars.toLocaleString('en')} characters)`,
    );
  const text = await readFile(file, 'utf8');
  if (text.length > maxTranscriptChars)
    throw new DomainError(
      'BAD_REQUEST',
      `${file} has more than ${maxTranscriptChars.toLocaleString('en')} characters`,
    );
  return text;
}

/** The member named by --as, else the org's first admin: whose model calls the analysis is recorded as. */
async function memberId(tx: Db, orgId: string, email: string | undefined): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.orgId, orgId),
        isNull(users.removedAt),
        email ? eq(users.email, email.trim().toLowerCase()) : inArray(users.role, ['admin']),
      ),
    )
    .orderBy(asc(users.createdAt))
    .limit(1);
  return row?.id;
}

function describeStored(stored: StoredCall, orgName: string): string {
  const { record, outcome, signals } = stored;
  const { analysis } = record;
  const what =
    outcome === 'unchanged'
      ? 'the same transcript was already stored: nothing changed'
      : `${outcome}: ${analysis.decisions.length} decisions, ${analysis.actionItems.length} action items, ${analysis.signals.length} signals (${signals.accepted} new health signals)`;
  return `call "${record.title}" of ${record.customerName} in "${orgName}" (${record.id}): ${what}`;
}
