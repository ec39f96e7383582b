import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { orgs, users } from '../db/schema.ts';
import type { Principal } from './principal.ts';

/**
 * Work no request started (Zoom's webhook, the CLI) still runs as a member: the one who connected
 * Zoom, or who ran the command. The AI layer records its model calls against them. No token backs
 * this principal, so it can open nothing else.
 */
export async function actingMember(tx: Db, orgId: string, userId: string): Promise<Principal | undefined> {
  const [row] = await tx
    .select({
      userId: users.id,
      role: users.role,
      email: users.email,
      timeZone: users.timeZone,
      orgDomains: orgs.domains,
    })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(and(eq(users.orgId, orgId), eq(users.id, userId), isNull(users.removedAt)));
  if (!row) return undefined;
  return { ...row, orgId, mustChangePassword: false, tokenId: '', tokenKind: 'session' };
}
