import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type RecordingLinkKind, zoomRecordingLinks } from '../schema.ts';

/** A Zoom recording page that shows a call: its token (the URL's segment) and where it came from. */
export interface RecordingLink {
  token: string;
  kind: RecordingLinkKind;
}

/**
 * Remembers which record these Zoom pages show. A token another record had moves to this one: the
 * latest import of that recording is the call it shows.
 */
export async function rememberRecordingLinks(
  tx: Db,
  orgId: string,
  callRecordId: string,
  links: readonly RecordingLink[],
): Promise<void> {
  const byToken = new Map(links.map((link) => [link.token, link]));
  if (byToken.size === 0) return;
  await tx
    .insert(zoomRecordingLinks)
    .values([...byToken.values()].map((link) => ({ orgId, callRecordId, ...link })))
    .onConflictDoUpdate({
      target: [zoomRecordingLinks.orgId, zoomRecordingLinks.token],
      set: { callRecordId: sql`excluded.call_record_id`, kind: sql`excluded.kind` },
      setWhere: eq(zoomRecordingLinks.orgId, orgId),
    });
}

/** The ids of the records a recording page's token names (at most one: tokens are unique per org). */
export function recordsWithToken(tx: Db, orgId: string, token: string) {
  return tx
    .select({ id: zoomRecordingLinks.callRecordId })
    .from(zoomRecordingLinks)
    .where(and(eq(zoomRecordingLinks.orgId, orgId), eq(zoomRecordingLinks.token, token)));
}
