import { and, eq } from 'drizzle-orm';
import { password as passwordSchema } from '../../shared/api/auth.ts';
import { email as emailSchema } from '../../shared/api/common.ts';
import type { UserRole } from '../../shared/enums.ts';
import { hashPassword } from '../auth/secrets.ts';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { inOrg } from '../db/tenancy.ts';
import { DomainError } from '../domain-error.ts';
import { findOrCreateOrg, findOrgForCli } from '../org/lookup.ts';
import { createUser } from './create.ts';
import { createInvitation, invitationUrl } from './invitations.ts';

export interface AddUserArgs {
  /** A name or id; none: the only org. A name no org has creates that org (a second team). */
  org: string | undefined;
  email: string;
  role: UserRole;
  password: string | undefined;
  name: string | undefined;
}

/**
 * `cscx users add`: with --password the user can sign in at once, otherwise an invitation link is
 * printed, to the running server's address when a server holds the data folder (`server.json`).
 */
export async function addUserFromCli(database: Database, config: Config, args: AddUserArgs): Promise<void> {
  const email = emailSchema.safeParse(args.email);
  if (!email.success) throw new DomainError('BAD_REQUEST', `--email: ${email.error.issues[0]?.message}`);
  if (args.password !== undefined) {
    const ok = passwordSchema.safeParse(args.password);
    if (!ok.success) throw new DomainError('BAD_REQUEST', `--password: ${ok.error.issues[0]?.message}`);
  }
  const { db } = database;
  const now = systemClock.now();
  const org = args.org ? await findOrCreateOrg(db, args.org) : await findOrgForCli(db, undefined);
  const [existing] = await inOrg(db, org.id, (tx) =>
    tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.orgId, org.id), eq(users.email, email.data))),
  );
  if (existing)
    throw new DomainError('CONFLICT', `${org.name} already has a member with the email ${email.data}`);
  const user = await createUser(db, {
    orgId: org.id,
    email: email.data,
    name: args.name ?? '',
    role: args.role,
    ...(args.password ? { passwordHash: await hashPassword(args.password) } : {}),
    mustChangePassword: false,
    now,
  });
  console.log(`added ${user.email} (${user.role}) to ${org.name}`);
  if (!args.password) {
    const invite = await inOrg(db, org.id, (tx) => createInvitation(tx, user, now));
    const publicUrl = database.serverUrl ?? config.publicUrl;
    console.log(`one-time link to set a password (valid 7 days):\n${invitationUrl(publicUrl, invite.token)}`);
  }
}
