import { and, eq } from 'drizzle-orm';
import type { CalendarSyncStatus } from '../../shared/api/calendar-sync.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { connections } from '../integrations/schema.ts';
import { calendarScope, enqueueCalendarSync } from './jobs.ts';
import { calendarSyncs } from './schema.ts';
import { readSyncRow } from './sync.ts';

const iso = (at: Date | null) => at?.toISOString() ?? null;

/** The signed-in member's own sync: when it ran, what it recorded, its last error, and whether one waits. */
export async function calendarSyncStatus({ db, principal }: OrgDeps): Promise<CalendarSyncStatus> {
  const [connection] = await db
    .select({ scopes: connections.scopes })
    .from(connections)
    .where(
      and(
        eq(connections.orgId, principal.orgId),
        eq(connections.provider, 'google'),
        eq(connections.userId, principal.userId),
      ),
    );
  const row = await readSyncRow(db, principal.orgId, principal.userId);
  const finished = Math.max(row?.lastSyncedAt?.getTime() ?? 0, row?.lastErrorAt?.getTime() ?? 0);
  return {
    connected: connection?.scopes.includes(calendarScope) ?? false,
    lastSyncedAt: iso(row?.lastSyncedAt ?? null),
    lastRecorded: row?.lastRecorded ?? 0,
    lastError: row?.lastError ?? null,
    lastErrorAt: iso(row?.lastErrorAt ?? null),
    pending: row?.requestedAt ? row.requestedAt.getTime() > finished : false,
  };
}

/** "Sync now" (and Retry after an error): queues the member's sync, joined to one already waiting. */
export async function requestCalendarSync(deps: OrgDeps): Promise<CalendarSyncStatus> {
  const { db, principal, clock } = deps;
  const status = await calendarSyncStatus(deps);
  if (!status.connected)
    throw new DomainError('CONFLICT', 'connect Google with Calendar access first (Connections)');
  const now = clock.now();
  await db
    .insert(calendarSyncs)
    .values({ orgId: principal.orgId, userId: principal.userId, requestedAt: now })
    .onConflictDoUpdate({
      target: [calendarSyncs.orgId, calendarSyncs.userId, calendarSyncs.calendarId],
      set: { requestedAt: now },
    });
  await enqueueCalendarSync(db, principal.orgId, principal.userId);
  return { ...status, pending: true };
}
