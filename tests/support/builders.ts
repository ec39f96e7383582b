import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { sessionLifetimeMs } from '../../backend/auth/principal.ts';
import { insertToken } from '../../backend/auth/queries.ts';
import { hashPassword, issueToken } from '../../backend/auth/secrets.ts';
import type { Db } from '../../backend/db/client.ts';
import {
  activities,
  contacts,
  customerDomains,
  customers,
  orgs,
  tasks,
  users,
} from '../../backend/db/schema.ts';
import { inOrg } from '../../backend/db/tenancy.ts';
import { findOrCreateOrg, type OrgRef } from '../../backend/org/lookup.ts';
import { createUser } from '../../backend/users/create.ts';
import type { UserRole } from '../../shared/enums.ts';

let sequence = 0;
const next = () => ++sequence;

export async function anOrg(db: Db, overrides: { name?: string; domains?: string[] } = {}): Promise<OrgRef> {
  const org = await findOrCreateOrg(db, overrides.name ?? `Org ${next()} ${randomUUID().slice(0, 6)}`);
  if (overrides.domains)
    await inOrg(db, org.id, (tx) =>
      tx.update(orgs).set({ domains: overrides.domains }).where(eq(orgs.id, org.id)),
    );
  return org;
}

export interface Member {
  id: string;
  orgId: string;
  email: string;
  role: UserRole;
  /** A signed-in session token. */
  token: string;
}

/** A user with a session, without the cost of a password unless one is asked for. */
export async function aMember(
  db: Db,
  org: OrgRef,
  overrides: {
    role?: UserRole;
    email?: string;
    password?: string;
    mustChangePassword?: boolean;
    timeZone?: string;
  } = {},
): Promise<Member> {
  const now = new Date();
  const user = await createUser(db, {
    orgId: org.id,
    email: overrides.email ?? `member${next()}-${randomUUID().slice(0, 8)}@team.example`,
    name: 'Test Member',
    role: overrides.role ?? 'csm',
    mustChangePassword: overrides.mustChangePassword ?? false,
    ...(overrides.password ? { passwordHash: await hashPassword(overrides.password) } : {}),
    now,
  });
  const issued = issueToken('session');
  await inOrg(db, org.id, async (tx) => {
    if (overrides.timeZone) {
      await tx.update(users).set({ timeZone: overrides.timeZone }).where(eq(users.id, user.id));
    }
    await insertToken(tx, {
      orgId: org.id,
      userId: user.id,
      kind: 'session',
      prefix: issued.prefix,
      tokenHash: issued.hash,
      expiresAt: new Date(now.getTime() + sessionLifetimeMs),
    });
  });
  return { id: user.id, orgId: org.id, email: user.email, role: user.role, token: issued.token };
}

export async function aCustomer(
  db: Db,
  org: OrgRef,
  overrides: Partial<typeof customers.$inferInsert> & { domains?: string[] } = {},
) {
  const { domains = [], ...values } = overrides;
  return inOrg(db, org.id, async (tx) => {
    const [row] = await tx
      .insert(customers)
      .values({
        name: `Customer ${next()}`,
        arrMinor: 5_000_000,
        renewalDate: '2027-06-30',
        ...values,
        orgId: org.id,
      })
      .returning();
    if (!row) throw new Error('no customer');
    if (domains.length > 0)
      await tx
        .insert(customerDomains)
        .values(domains.map((domain) => ({ orgId: org.id, domain, customerId: row.id })));
    return row;
  });
}

export async function aContact(
  db: Db,
  org: OrgRef,
  customerId: string,
  overrides: Partial<typeof contacts.$inferInsert> = {},
) {
  return inOrg(db, org.id, async (tx) => {
    const [row] = await tx
      .insert(contacts)
      .values({
        email: `contact${next()}@somewhere.example`,
        name: 'Contact',
        ...overrides,
        orgId: org.id,
        customerId,
      })
      .returning();
    if (!row) throw new Error('no contact');
    return row;
  });
}

export async function anActivity(
  db: Db,
  org: OrgRef,
  customerId: string,
  overrides: Partial<typeof activities.$inferInsert> = {},
) {
  return inOrg(db, org.id, async (tx) => {
    const [row] = await tx
      .insert(activities)
      .values({
        kind: 'email',
        occurredAt: new Date(),
        subject: `Activity ${next()}`,
        ...overrides,
        orgId: org.id,
        customerId,
      })
      .returning();
    if (!row) throw new Error('no activity');
    return row;
  });
}

export async function aTask(
  db: Db,
  org: OrgRef,
  customerId: string,
  overrides: Partial<typeof tasks.$inferInsert> = {},
) {
  return inOrg(db, org.id, async (tx) => {
    const [row] = await tx
      .insert(tasks)
      .values({ title: `Task ${next()}`, ...overrides, orgId: org.id, customerId })
      .returning();
    if (!row) throw new Error('no task');
    return row;
  });
}
