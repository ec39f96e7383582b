import {
  and,
  count,
  desc,
  eq,
  getTableColumns,
  inArray,
  lt,
  ne,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import {
  type ListActionsInput,
  type ListedAction,
  ownAccountKinds,
  type WaitingCountOutput,
} from '../../shared/api/actions.ts';
import type { Principal } from '../auth/principal.ts';
import type { Db } from '../db/client.ts';
import { customers } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { actions } from './schema.ts';
import { actionViewOf } from './view.ts';

function ownedCustomers(db: Db, principal: Principal) {
  return db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.orgId, principal.orgId), eq(customers.ownerId, principal.userId)));
}

const forMe = (principal: Principal): SQL | undefined =>
  or(eq(actions.forUserId, principal.userId), sql`${actions.proposedBy}->>'userId' = ${principal.userId}`);

function scopeFilter(deps: OrgDeps, scope: ListActionsInput['scope']): SQL | undefined {
  const { principal } = deps;
  if (scope === 'all') {
    if (principal.role !== 'admin')
      throw new DomainError('FORBIDDEN', 'every action of the org is for admins');
    return undefined;
  }
  if (scope === 'customers') return inArray(actions.customerId, ownedCustomers(deps.db, principal));
  return forMe(principal);
}

/**
 * Newest first: the page after `before` holds the actions older than it (ties broken by id). Exact
 * at the millisecond an ISO string carries: `created_at` is written from the clock (`proposeAction`),
 * never by the database's microsecond `now()`.
 */
function olderThan(before: ListActionsInput['before']): SQL | undefined {
  if (!before) return undefined;
  const at = new Date(before.createdAt);
  return or(lt(actions.createdAt, at), and(eq(actions.createdAt, at), lt(actions.id, before.id)));
}

/** Pending ones wait for a person; history is everything decided, running or finished. Newest first. */
export async function listActions(deps: OrgDeps, input: ListActionsInput): Promise<ListedAction[]> {
  const rows = await deps.db
    .select({ ...getTableColumns(actions), customerName: customers.name })
    .from(actions)
    .leftJoin(customers, and(eq(customers.orgId, actions.orgId), eq(customers.id, actions.customerId)))
    .where(
      and(
        eq(actions.orgId, deps.principal.orgId),
        input.state === 'pending' ? eq(actions.status, 'proposed') : ne(actions.status, 'proposed'),
        scopeFilter(deps, input.scope),
        olderThan(input.before),
      ),
    )
    .orderBy(desc(actions.createdAt), desc(actions.id))
    .limit(input.limit);
  return rows.map(({ customerName, ...row }) => ({ ...actionViewOf(row), customerName }));
}

/**
 * What waits for the caller's decision: proposed for them, or on a customer they own and theirs to
 * approve (another user's email or event needs the admin role, as `decide.ts` holds). A viewer decides nothing.
 * One count over the status index: the extension's background asks every minute.
 */
export async function countWaitingActions(deps: OrgDeps): Promise<WaitingCountOutput> {
  const { principal, db } = deps;
  if (principal.role === 'viewer') return { count: 0 };
  const onMyCustomers = and(
    inArray(actions.customerId, ownedCustomers(db, principal)),
    principal.role === 'admin' ? undefined : notInArray(actions.kind, [...ownAccountKinds]),
  );
  const [row] = await db
    .select({ count: count() })
    .from(actions)
    .where(
      and(
        eq(actions.orgId, principal.orgId),
        eq(actions.status, 'proposed'),
        or(eq(actions.forUserId, principal.userId), onMyCustomers),
      ),
    );
  return { count: row?.count ?? 0 };
}
