import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { sessionLifetimeMs } from '../backend/auth/principal.ts';
import { insertToken } from '../backend/auth/queries.ts';
import { issueToken } from '../backend/auth/secrets.ts';
import { type Database, openDatabase } from '../backend/db/client.ts';
import { migrateDatabase } from '../backend/db/migrate.ts';
import { activities, users } from '../backend/db/schema.ts';
import { inOrg } from '../backend/db/tenancy.ts';
import { seedDemo } from '../backend/demo/seed.ts';
import { findOrCreateOrg, type OrgRef } from '../backend/org/lookup.ts';
import { createUser } from '../backend/users/create.ts';

export interface BookSize {
  customers: number;
  activities: number;
}

/** DESIGN.md's context budget is set on this book, and checked again at ten times its size. */
export const designBook: BookSize = { customers: 10_000, activities: 500_000 };
export const tenTimesBook: BookSize = { customers: 100_000, activities: 5_000_000 };

export interface OpenedBook {
  database: Database;
  org: OrgRef;
  /** How long this run spent seeding, or undefined when the folder held the book already. */
  seededSeconds: number | undefined;
}

export function describeBook(book: BookSize): string {
  return `${book.customers.toLocaleString('en')} customers, ${book.activities.toLocaleString('en')} activities`;
}

/**
 * Opens the bench's database for a book, seeding it the first time into `.bench-data/<customers>-<activities>`
 * (kept between runs: the 10× book takes minutes to write).
 */
export async function openBook(
  book: BookSize,
  options: { fresh: boolean; log: (line: string) => void },
): Promise<OpenedBook> {
  const dataDir = path.resolve(`.bench-data/${book.customers}-${book.activities}`);
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const database = await openDatabase({ dataDir });
  await migrateDatabase(database);
  const org = await findOrCreateOrg(database.db, 'Bench');
  const [existing] = await inOrg(database.db, org.id, (tx) => tx.select({ n: count() }).from(activities));
  let seededSeconds: number | undefined;
  if ((existing?.n ?? 0) < book.activities) {
    options.log(`seeding ${describeBook(book)} into ${dataDir} …`);
    const started = performance.now();
    let reported = 0;
    await seedDemo(database.db, org, {
      ...book,
      now: new Date(),
      onProgress: ({ activitiesDone, activitiesTotal }) => {
        if (activitiesDone - reported < activitiesTotal / 10) return;
        reported = activitiesDone;
        const seconds = ((performance.now() - started) / 1000).toFixed(0);
        options.log(
          `  ${activitiesDone.toLocaleString('en')} of ${activitiesTotal.toLocaleString('en')} activities, ${seconds} s`,
        );
      },
    });
    seededSeconds = (performance.now() - started) / 1000;
    options.log(`seeded in ${seededSeconds.toFixed(1)} s`);
  }
  await database.sql`analyze`;
  return { database, org, seededSeconds };
}

/** A fresh session token for a CSM of the org, created the first time (the CSM is kept between runs). */
export async function issueBenchToken(database: Database, org: OrgRef, email: string): Promise<string> {
  const [user] = await inOrg(database.db, org.id, (tx) =>
    tx.select().from(users).where(eq(users.email, email)),
  );
  const member =
    user ??
    (await createUser(database.db, {
      orgId: org.id,
      email,
      name: 'Bench',
      role: 'csm',
      mustChangePassword: false,
      now: new Date(),
    }));
  const issued = issueToken('session');
  await inOrg(database.db, org.id, (tx) =>
    insertToken(tx, {
      orgId: org.id,
      userId: member.id,
      kind: 'session',
      prefix: issued.prefix,
      tokenHash: issued.hash,
      expiresAt: new Date(Date.now() + sessionLifetimeMs),
    }),
  );
  return issued.token;
}
