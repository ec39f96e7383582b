import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { orgs, users } from '../../db/schema.ts';

export type AccountVerdict = { ok: true } | { ok: false; memberEmail: string; orgDomains: string[] };

/**
 * A member's own connection (their mailbox) must be an account of theirs: their CSCX address, or
 * one in the org's own domains. The callback carries no CSCX session, so without this a consent
 * link sent to someone else — a customer, say — would connect their mailbox to the sender's CSCX
 * account.
 */
export async function checkMembersAccount(
  tx: Db,
  member: { orgId: string; userId: string },
  accountEmail: string,
): Promise<AccountVerdict> {
  const [row] = await tx
    .select({ email: users.email, domains: orgs.domains })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(and(eq(users.orgId, member.orgId), eq(users.id, member.userId)))
    .limit(1);
  if (!row) return { ok: false, memberEmail: '', orgDomains: [] };
  const account = accountEmail.trim().toLowerCase();
  const domain = account.slice(account.lastIndexOf('@') + 1);
  if (account === row.email.toLowerCase() || (account.includes('@') && row.domains.includes(domain))) {
    return { ok: true };
  }
  return { ok: false, memberEmail: row.email, orgDomains: row.domains };
}
