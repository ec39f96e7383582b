import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { hashPassword } from '../auth/secrets.ts';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { inAuthLookup } from '../db/tenancy.ts';
import { findOrCreateOrg } from '../org/lookup.ts';
import { createUser } from '../users/create.ts';

export interface FirstAdmin {
  email: string;
  credentialsPath: string;
}

export const firstAdminEmail = 'admin@cscx.localhost';

/**
 * On an empty database: an org and an admin whose one-time password goes to a 0600 file in the data
 * folder (never to the log). The password must be changed at first sign-in.
 */
export async function ensureFirstAdmin(db: Db, dataDir: string, now: Date): Promise<FirstAdmin | undefined> {
  const [row] = await inAuthLookup(db, (tx) => tx.select({ n: count() }).from(users));
  if ((row?.n ?? 0) > 0) return undefined;
  const org = await findOrCreateOrg(db, 'My team');
  const password = randomBytes(18).toString('base64url');
  await createUser(db, {
    orgId: org.id,
    email: firstAdminEmail,
    name: 'Admin',
    role: 'admin',
    passwordHash: await hashPassword(password),
    mustChangePassword: true,
    now,
  });
  const credentialsPath = path.join(dataDir, 'initial-admin.txt');
  writeFileSync(
    credentialsPath,
    `CSCX first sign-in (delete this file once you have changed the password)\nemail: ${firstAdminEmail}\npassword: ${password}\n`,
    { mode: 0o600 },
  );
  return { email: firstAdminEmail, credentialsPath };
}
