import { sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { activities, contacts, contracts, customerDomains, customers, tasks } from '../db/schema.ts';
import { inOrg } from '../db/tenancy.ts';
import type { OrgRef } from '../org/lookup.ts';
import { healthSignals } from '../signals/schema.ts';
import { type DemoAccount, generateAccount, planBook } from './book.ts';
import { ensureDemoTeam } from './team.ts';
import { noCounts, type SeedCounts, writeAccounts } from './write.ts';

export const defaultDemoCustomers = 150;
/** Six months at a realistic pace for a book of this size. */
export const defaultActivitiesPerCustomer = 40;

export interface SeedProgress {
  customersDone: number;
  customersTotal: number;
  activitiesDone: number;
  activitiesTotal: number;
}

export interface SeedOptions {
  customers: number;
  activities: number;
  now: Date;
  seed?: string;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedResult {
  teamDomain: string;
  team: { created: number; total: number };
  /** Rows this run added; all zero when the book was already there. */
  added: SeedCounts;
  /** Rows the book holds. */
  book: SeedCounts;
}

/** One transaction per chunk: big enough to amortise commits, small enough that a request can slip in between. */
const chunkCustomers = 250;
const chunkActivities = 8000;

/**
 * Fills one org with the deterministic demo book. Accounts are generated and written chunk by chunk,
 * so 10,000 customers and 500,000 activities never sit in memory at once.
 */
export async function seedDemo(db: Db, org: OrgRef, options: SeedOptions): Promise<SeedResult> {
  const plan = planBook(options);
  const team = await ensureDemoTeam(db, org, plan.teamSize, options.now);
  const added = noCounts();
  const book = noCounts();
  const activitiesTotal = plan.activityCounts.reduce((sum, n) => sum + n, 0);
  let chunk: DemoAccount[] = [];
  let chunkRows = 0;
  let activitiesDone = 0;
  const flush = async (customersDone: number) => {
    const counts = await inOrg(db, org.id, (tx) => writeAccounts(tx, org.id, chunk, team.ids));
    addCounts(added, counts);
    activitiesDone += chunkRows;
    chunk = [];
    chunkRows = 0;
    options.onProgress?.({
      customersDone,
      customersTotal: plan.customers,
      activitiesDone,
      activitiesTotal,
    });
  };
  for (let index = 0; index < plan.customers; index++) {
    const account = generateAccount(plan, index);
    addCounts(book, countAccount(account));
    chunk.push(account);
    chunkRows += account.activities.length;
    if (chunk.length >= chunkCustomers || chunkRows >= chunkActivities) await flush(index + 1);
  }
  if (chunk.length > 0) await flush(plan.customers);

  const addedAny = Object.values(added).some((n) => n > 0);
  if (addedAny)
    await inOrg(db, org.id, (tx) =>
      recordAudit(tx, {
        orgId: org.id,
        actorUserId: null,
        action: 'demo.seed',
        tableName: 'orgs',
        rowId: org.id,
        changes: { ...added },
      }),
    );
  // Fresh statistics, so the first lookups after a big load get the plans the benchmarks assume.
  await analyzeBook(db);
  return {
    teamDomain: team.teamDomain,
    team: { created: team.created, total: team.ids.length },
    added,
    book,
  };
}

async function analyzeBook(db: Db): Promise<void> {
  await db.execute(
    sql`analyze ${customers}, ${customerDomains}, ${contacts}, ${contracts}, ${activities}, ${tasks}, ${healthSignals}`,
  );
}

function countAccount(account: DemoAccount): SeedCounts {
  return {
    customers: 1,
    domains: account.domains.length,
    contacts: account.contacts.length,
    contracts: account.contracts.length,
    activities: account.activities.length,
    tasks: account.tasks.length,
    signals: account.signals.length,
  };
}

function addCounts(total: SeedCounts, more: SeedCounts): void {
  for (const key of Object.keys(total) as (keyof SeedCounts)[]) total[key] += more[key];
}
