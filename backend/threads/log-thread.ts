import { and, eq, sql } from 'drizzle-orm';
import type { AnalyzeThreadOutput } from '../../shared/api/threads.ts';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { activities, type StoredThreadAnalysis } from '../db/schema.ts';
import { requestHealthRecompute } from '../health/recompute-requests.ts';
import { gmailSource } from './gmail-source.ts';

export interface ThreadEntry {
  orgId: string;
  actorUserId: string;
  customerId: string;
  contactId: string | null;
  threadId: string;
  subject: string;
  occurredAt: Date;
  stored: StoredThreadAnalysis;
  now: Date;
}

/**
 * The thread as one email activity on the customer's timeline, upserted on Gmail's thread id:
 * opened again unchanged it changes nothing; with new messages (or moved to another customer) the
 * same entry is updated. The summary is the analysis's, the messages themselves are not kept.
 */
export async function logThreadOnTimeline(
  tx: Db,
  entry: ThreadEntry,
): Promise<{ outcome: AnalyzeThreadOutput['logged']; activityId: string | null }> {
  const values = {
    customerId: entry.customerId,
    contactId: entry.contactId,
    occurredAt: entry.occurredAt,
    subject: entry.subject,
    summary: entry.stored.analysis.summary,
    analysis: entry.stored,
  };
  const changed = sql`(${activities.customerId}, ${activities.analysis}->>'fingerprint')
    is distinct from (excluded.customer_id, excluded.analysis->>'fingerprint')`;
  const [row] = await tx
    .insert(activities)
    .values({ ...values, orgId: entry.orgId, kind: 'email', source: gmailSource, externalId: entry.threadId })
    .onConflictDoUpdate({
      target: [activities.orgId, activities.source, activities.externalId],
      set: {
        customerId: sql`excluded.customer_id`,
        contactId: sql`excluded.contact_id`,
        occurredAt: sql`excluded.occurred_at`,
        subject: sql`excluded.subject`,
        summary: sql`excluded.summary`,
        analysis: sql`excluded.analysis`,
        updatedAt: entry.now,
      },
      setWhere: and(eq(activities.orgId, entry.orgId), changed),
    })
    .returning({ id: activities.id, created: sql<boolean>`xmax = 0` });
  if (!row) {
    const [existing] = await tx
      .select({ id: activities.id })
      .from(activities)
      .where(
        and(
          eq(activities.orgId, entry.orgId),
          eq(activities.source, gmailSource),
          eq(activities.externalId, entry.threadId),
        ),
      );
    return { outcome: 'unchanged', activityId: existing?.id ?? null };
  }
  await recordAudit(tx, {
    orgId: entry.orgId,
    actorUserId: entry.actorUserId,
    action: row.created ? 'email.log_from_gmail' : 'email.update_from_gmail',
    tableName: 'activities',
    rowId: row.id,
    changes: { customerId: entry.customerId, threadId: entry.threadId, messages: entry.stored.messageCount },
  });
  await requestHealthRecompute(tx, entry.orgId, [entry.customerId]);
  return { outcome: row.created ? 'recorded' : 'updated', activityId: row.id };
}
