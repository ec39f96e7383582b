import { randomUUID } from 'node:crypto';
import { asc } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { orgs } from '../db/schema.ts';
import { inAuthLookup, inOrg } from '../db/tenancy.ts';
import { DomainError } from '../domain-error.ts';

export interface OrgRef {
  id: string;
  name: string;
}

async function allOrgs(db: Db): Promise<OrgRef[]> {
  return inAuthLookup(db, (tx) =>
    tx.select({ id: orgs.id, name: orgs.name }).from(orgs).orderBy(asc(orgs.name), asc(orgs.id)),
  );
}

const listed = (all: OrgRef[]) => all.map((o) => `${o.name} (${o.id})`).join(', ') || 'none';

/**
 * For the CLI: the org with that id or name, or the only org when none is given. Names are not
 * unique (no org may block another's), so a name two orgs share is refused and the ids are listed.
 */
export async function findOrgForCli(db: Db, nameOrId: string | undefined): Promise<OrgRef> {
  const all = await allOrgs(db);
  if (nameOrId) {
    const found = matching(all, nameOrId);
    if (found.length === 0) throw new DomainError('NOT_FOUND', `no org "${nameOrId}" (orgs: ${listed(all)})`);
    return onlyOne(found, nameOrId);
  }
  if (all.length === 0)
    throw new DomainError(
      'NOT_FOUND',
      'there is no org yet: start the server once (npm start) or pass --org NAME',
    );
  return onlyOne(all, 'orgs');
}

/** For the CLI and first run: the org with that id or name, created when there is none. */
export async function findOrCreateOrg(db: Db, nameOrId: string): Promise<OrgRef> {
  const found = matching(await allOrgs(db), nameOrId);
  if (found.length > 0) return onlyOne(found, nameOrId);
  const id = randomUUID();
  // A new org is created from inside itself: the policy only admits rows of the org that is set.
  await inOrg(db, id, (tx) => tx.insert(orgs).values({ id, name: nameOrId }));
  return { id, name: nameOrId };
}

function matching(all: OrgRef[], nameOrId: string): OrgRef[] {
  const byId = all.filter((o) => o.id === nameOrId);
  return byId.length > 0 ? byId : all.filter((o) => o.name === nameOrId);
}

function onlyOne(found: OrgRef[], asked: string): OrgRef {
  const [only, ...others] = found;
  if (!only) throw new DomainError('NOT_FOUND', `no org "${asked}"`);
  if (others.length > 0)
    throw new DomainError(
      'BAD_REQUEST',
      `several ${asked === 'orgs' ? 'orgs exist' : `orgs are named "${asked}"`}: pass --org with one of the ids: ${listed(found)}`,
    );
  return only;
}
