import type { UserRole } from '../../shared/enums.ts';
import { recordAudit } from '../audit/record.ts';
import { storePassword } from '../auth/queries.ts';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { inOrg } from '../db/tenancy.ts';

export interface NewUser {
  orgId: string;
  email: string;
  name: string;
  role: UserRole;
  passwordHash?: string;
  mustChangePassword: boolean;
  now: Date;
}

/** For the CLI and first run, which act for the system rather than a signed-in admin. */
export async function createUser(db: Db, user: NewUser) {
  return inOrg(db, user.orgId, async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        orgId: user.orgId,
        email: user.email,
        name: user.name,
        role: user.role,
        mustChangePassword: user.mustChangePassword,
      })
      .returning();
    if (!row) throw new Error('user insert returned nothing');
    if (user.passwordHash) await storePassword(tx, row, user.passwordHash, user.now);
    await recordAudit(tx, {
      orgId: user.orgId,
      actorUserId: null,
      action: 'user.create',
      tableName: 'users',
      rowId: row.id,
      changes: { role: user.role },
    });
    return row;
  });
}
