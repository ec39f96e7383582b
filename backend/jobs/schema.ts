import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, orgs, tstz } from '../db/schema.ts';

export const jobStates = ['queued', 'running', 'done', 'dead'] as const;
export type JobState = (typeof jobStates)[number];
export const jobState = pgEnum('job_state', jobStates);

/** Ids and flags only: a payload never carries customer data, which is why the queue sits outside RLS. */
export type JobPayload = Record<string, string | number | boolean | null>;

/**
 * The job queue (backend/jobs/queue.ts). Outside row-level security: it holds ids, never customer
 * data, and the worker claims across orgs as the login role. The application role gets no privilege
 * on it: a request enqueues and lists its own org's jobs through the functions of migration 0016,
 * which check the org set for the transaction.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    queue: text('queue').notNull(),
    /** Null for work that belongs to no org (a sweep across orgs). */
    orgId: uuid('org_id').references(() => orgs.id, { onDelete: 'cascade' }),
    payload: jsonb('payload').$type<JobPayload>().notNull().default({}),
    state: jobState('state').notNull().default('queued'),
    runAt: tstz('run_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lastError: text('last_error'),
    /** Who runs it, and until when: a job still running past this was left by a crashed worker. */
    lockedBy: text('locked_by'),
    lockedUntil: tstz('locked_until'),
    /** `<org or ->:<key>`: at most one queued job per key and queue (the partial index below). */
    singletonKey: text('singleton_key'),
    progressDone: integer('progress_done'),
    progressTotal: integer('progress_total'),
    progressLabel: text('progress_label'),
    createdAt: createdAt(),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    // What a worker claims: due queued jobs, and running ones whose lease ran out.
    index('jobs_claim_idx').on(t.state, t.runAt),
    index('jobs_org_recent_idx').on(t.orgId, t.createdAt),
    uniqueIndex('jobs_singleton_key')
      .on(t.queue, t.singletonKey)
      .where(sql`state = 'queued' and singleton_key is not null`),
  ],
);

/** A schedule's slot, written once: the slot's jobs are enqueued in the transaction that writes it. */
export const jobScheduleSlots = pgTable(
  'job_schedule_slots',
  {
    schedule: text('schedule').notNull(),
    slotAt: tstz('slot_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.schedule, t.slotAt] })],
);

export type JobRow = typeof jobs.$inferSelect;
