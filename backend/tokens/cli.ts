import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import { insertToken } from '../auth/queries.ts';
import { issueToken } from '../auth/secrets.ts';
import { systemClock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { inAuthLookup, inOrg } from '../db/tenancy.ts';
import { DomainError } from '../domain-error.ts';
import { findOrgForCli } from '../org/lookup.ts';

/** `cscx tokens create`: the token is printed alone on the last line so scripts can take it. */
export async function createTokenFromCli(
  database: Database,
  args: { email: string; name: string; days: number; org: string | undefined },
): Promise<void> {
  if (!Number.isInteger(args.days) || args.days < 1 || args.days > 365)
    throw new DomainError('BAD_REQUEST', '--days must be 1 to 365');
  const email = args.email.trim().toLowerCase();
  const org = args.org ? await findOrgForCli(database.db, args.org) : undefined;
  const members = await inAuthLookup(database.db, (tx) =>
    tx
      .select()
      .from(users)
      .where(and(eq(users.email, email), isNull(users.removedAt), org ? eq(users.orgId, org.id) : undefined)),
  );
  const [user, ...others] = members;
  if (!user)
    throw new DomainError('NOT_FOUND', `no user with the email ${email}${org ? ` in ${org.name}` : ''}`);
  if (others.length > 0)
    throw new DomainError('BAD_REQUEST', `${email} is a member of several orgs: pass --org NAME or id`);
  const now = systemClock.now();
  const issued = issueToken('pat');
  const expiresAt = new Date(now.getTime() + args.days * 86_400_000);
  await inOrg(database.db, user.orgId, async (tx) => {
    const row = await insertToken(tx, {
      orgId: user.orgId,
      userId: user.id,
      kind: 'pat',
      name: args.name,
      prefix: issued.prefix,
      tokenHash: issued.hash,
      expiresAt,
    });
    await recordAudit(tx, {
      orgId: user.orgId,
      actorUserId: null,
      action: 'token.create',
      tableName: 'auth_tokens',
      rowId: row.id,
      changes: { name: args.name, via: 'cli' },
    });
  });
  console.log(`personal access token for ${email}, expires ${expiresAt.toISOString()}:`);
  console.log(issued.token);
}
