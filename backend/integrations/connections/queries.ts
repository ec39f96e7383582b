import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { ConnectionProvider } from '../../../shared/api/connections.ts';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { type ConnectionRow, connections, type OauthStateRow, oauthStates } from '../schema.ts';

export type NewConnection = Omit<typeof connections.$inferInsert, 'id' | 'createdAt'>;

export async function insertState(tx: Db, state: Omit<typeof oauthStates.$inferInsert, 'id'>): Promise<void> {
  await tx.insert(oauthStates).values(state);
}

/** Before the org is known: as `cscx_auth`, which may only read. */
export async function findStateByHash(tx: Db, stateHash: string): Promise<OauthStateRow | undefined> {
  const [row] = await tx.select().from(oauthStates).where(eq(oauthStates.stateHash, stateHash)).limit(1);
  return row;
}

/** Single use: of two callbacks with one state, only one deletes the row. */
export async function consumeState(tx: Db, id: string): Promise<boolean> {
  const deleted = await tx
    .delete(oauthStates)
    .where(eq(oauthStates.id, id))
    .returning({ id: oauthStates.id });
  return deleted.length > 0;
}

export async function deleteExpiredStates(tx: Db, orgId: string, now: Date): Promise<void> {
  await tx.delete(oauthStates).where(and(eq(oauthStates.orgId, orgId), lt(oauthStates.expiresAt, now)));
}

export interface ConnectionTarget {
  orgId: string;
  provider: ConnectionProvider;
  /** Null: the org's own connection. */
  userId: string | null;
}

/** A removed member's connection is not used: what they connected acted for them, not for the org. */
export async function findConnection(tx: Db, target: ConnectionTarget): Promise<ConnectionRow | undefined> {
  const [row] = await tx
    .select({ connection: connections })
    .from(connections)
    .leftJoin(users, and(eq(users.orgId, connections.orgId), eq(users.id, connections.userId)))
    .where(
      and(
        eq(connections.orgId, target.orgId),
        eq(connections.provider, target.provider),
        target.userId ? eq(connections.userId, target.userId) : isNull(connections.userId),
        isNull(users.removedAt),
      ),
    )
    .limit(1);
  return row?.connection;
}

export async function findConnectionById(
  tx: Db,
  orgId: string,
  id: string,
): Promise<ConnectionRow | undefined> {
  const [row] = await tx
    .select()
    .from(connections)
    .where(and(eq(connections.orgId, orgId), eq(connections.id, id)))
    .limit(1);
  return row;
}

/** Connecting again replaces the tokens and clears the old health. */
export async function saveConnection(tx: Db, values: NewConnection): Promise<ConnectionRow> {
  const { orgId: _org, provider: _provider, userId: _user, ...changes } = values;
  const [row] = await tx
    .insert(connections)
    .values(values)
    .onConflictDoUpdate({
      target: [connections.orgId, connections.provider, connections.userId],
      set: { ...changes, lastErrorAt: null, lastError: null, lastSuccessAt: null },
    })
    .returning();
  if (!row) throw new Error('the connection was not saved');
  return row;
}

export async function updateConnection(
  tx: Db,
  orgId: string,
  id: string,
  changes: Partial<Omit<NewConnection, 'orgId' | 'provider' | 'userId'>>,
): Promise<void> {
  await tx
    .update(connections)
    .set(changes)
    .where(and(eq(connections.orgId, orgId), eq(connections.id, id)));
}

export async function deleteConnection(tx: Db, orgId: string, id: string): Promise<void> {
  await tx.delete(connections).where(and(eq(connections.orgId, orgId), eq(connections.id, id)));
}

/** The caller's own connections and the org's, with who made each. */
export async function listVisibleConnections(
  tx: Db,
  orgId: string,
  userId: string,
): Promise<(ConnectionRow & { connectedByName: string })[]> {
  const rows = await tx
    .select({ connection: connections, name: users.name, email: users.email })
    .from(connections)
    .innerJoin(users, and(eq(users.orgId, connections.orgId), eq(users.id, connections.connectedBy)))
    .where(and(eq(connections.orgId, orgId), or(eq(connections.userId, userId), isNull(connections.userId))))
    .orderBy(connections.provider, connections.createdAt);
  return rows.map((r) => ({ ...r.connection, connectedByName: r.name || r.email }));
}
