import { and, desc, eq, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { ActionView, ListActionsInput } from '../../shared/api/actions.ts';
import { customers } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { actions } from './schema.ts';
import { actionViewOf } from './view.ts';

function scopeFilter(deps: OrgDeps, scope: ListActionsInput['scope']): SQL | undefined {
  const { principal } = deps;
  if (scope === 'all') {
    if (principal.role !== 'admin')
      throw new DomainError('FORBIDDEN', 'every action of the org is for admins');
    return undefined;
  }
  if (scope === 'customers')
    return inArray(
      actions.customerId,
      deps.db
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.orgId, principal.orgId), eq(customers.ownerId, principal.userId))),
    );
  return or(
    eq(actions.forUserId, principal.userId),
    sql`${actions.proposedBy}->>'userId' = ${principal.userId}`,
  );
}

/** Pending ones wait for a person; history is everything decided, running or finished. Newest first. */
export async function listActions(deps: OrgDeps, input: ListActionsInput): Promise<ActionView[]> {
  const rows = await deps.db
    .select()
    .from(actions)
    .where(
      and(
        eq(actions.orgId, deps.principal.orgId),
        input.state === 'pending' ? eq(actions.status, 'proposed') : ne(actions.status, 'proposed'),
        scopeFilter(deps, input.scope),
      ),
    )
    .orderBy(desc(actions.createdAt), desc(actions.id))
    .limit(input.limit);
  return rows.map(actionViewOf);
}
