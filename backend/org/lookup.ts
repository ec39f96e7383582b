import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { orgs } from '../db/schema.ts';
import { inAuthLookup, inOrg } from '../db/tenancy.ts';
import { DomainError } from '../domain-error.ts';

export interface OrgRef {
  id: string;
  name: string;
}

/** For the CLI: the org with that name, or the only org when no name is given. */
export async function findOrgForCli(db: Db, name: string | undefined): Promise<OrgRef> {
  const all = await inAuthLookup(db, (tx) =>
    tx.select({ id: orgs.id, name: orgs.name }).from(orgs).orderBy(asc(orgs.name)),
  );
  if (name) {
    const found = all.find((o) => o.name === name);
    if (!found)
      throw new DomainError(
        'NOT_FOUND',
        `no org named "${name}" (orgs: ${all.map((o) => o.name).join(', ') || 'none'})`,
      );
    return found;
  }
  const [only, ...others] = all;
  if (!only)
    throw new DomainError(
      'NOT_FOUND',
      'there is no org yet: start the server once (npm start) or pass --org NAME',
    );
  if (others.length > 0)
    throw new DomainError(
      'BAD_REQUEST',
      `several orgs exist (${all.map((o) => o.name).join(', ')}): pass --org NAME`,
    );
  return only;
}

export async function findOrCreateOrg(db: Db, name: string): Promise<OrgRef> {
  const [existing] = await inAuthLookup(db, (tx) =>
    tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.name, name)),
  );
  if (existing) return existing;
  const id = randomUUID();
  // A new org is created from inside itself: the policy only admits rows of the org that is set.
  await inOrg(db, id, (tx) => tx.insert(orgs).values({ id, name }));
  return { id, name };
}
