import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { orgs, users } from '../db/schema.ts';
import { inOrg } from '../db/tenancy.ts';
import type { OrgRef } from '../org/lookup.ts';
import { createUser } from '../users/create.ts';
import { slugify } from './company.ts';
import { csmNames } from './names.ts';

export interface DemoTeam {
  /** The org's own email domain the CSMs' addresses are at. */
  teamDomain: string;
  /** User ids by position in the team, as the generator's `ownerIndex` refers to them. */
  ids: string[];
  created: number;
}

/**
 * The CSMs who own the demo book, created like any user (no password: an admin can invite them).
 * They live at the org's own domain; an org without one gets a demo domain of its own, so the team's
 * addresses are never matched as a customer and two seeded orgs never claim the same address.
 */
export async function ensureDemoTeam(db: Db, org: OrgRef, size: number, now: Date): Promise<DemoTeam> {
  const teamDomain = await ensureTeamDomain(db, org, now);
  const wanted = csmNames.slice(0, size).map((name) => ({
    name,
    email: `${name.toLowerCase().split(' ').map(slugify).join('.')}@${teamDomain}`,
  }));
  const existing = await inOrg(db, org.id, (tx) =>
    tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        and(
          eq(users.orgId, org.id),
          inArray(
            users.email,
            wanted.map((w) => w.email),
          ),
        ),
      ),
  );
  const byEmail = new Map(existing.map((u) => [u.email, u.id]));
  let created = 0;
  for (const member of wanted) {
    if (byEmail.has(member.email)) continue;
    const user = await createUser(db, {
      orgId: org.id,
      email: member.email,
      name: member.name,
      role: 'csm',
      mustChangePassword: false,
      now,
    });
    byEmail.set(member.email, user.id);
    created++;
  }
  return { teamDomain, ids: wanted.map((w) => byEmail.get(w.email)!), created };
}

async function ensureTeamDomain(db: Db, org: OrgRef, now: Date): Promise<string> {
  return inOrg(db, org.id, async (tx) => {
    const [row] = await tx.select({ domains: orgs.domains }).from(orgs).where(eq(orgs.id, org.id));
    const own = row?.domains[0];
    if (own) return own;
    const domain = `${slugify(org.name) || 'team'}.cscx-demo.example`;
    await tx
      .update(orgs)
      .set({ domains: [domain], updatedAt: now })
      .where(eq(orgs.id, org.id));
    await recordAudit(tx, {
      orgId: org.id,
      actorUserId: null,
      action: 'org.update',
      tableName: 'orgs',
      rowId: org.id,
      changes: { domains: [domain], via: 'seed-demo' },
    });
    return domain;
  });
}
