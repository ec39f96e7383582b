import type { z } from 'zod';
import type {
  ConnectionView,
  disconnectOutput,
  ListConnectionsOutput,
} from '../../../shared/api/connections.ts';
import { connectionProviders } from '../../../shared/api/connections.ts';
import { recordAudit } from '../../audit/record.ts';
import type { Principal } from '../../auth/principal.ts';
import type { OrgDeps, StreamingDeps } from '../../deps.ts';
import { DomainError } from '../../domain-error.ts';
import type { ConnectionRow } from '../schema.ts';
import { isProvider } from './callback.ts';
import { deleteConnection, findConnectionById, listVisibleConnections, updateConnection } from './queries.ts';
import { providerOf } from './registry.ts';
import { openTokens } from './sealed-tokens.ts';
import { mayConnect } from './start.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function mayDisconnect(principal: Principal, row: Pick<ConnectionRow, 'userId'>): boolean {
  return row.userId === principal.userId || (row.userId === null && principal.role === 'admin');
}

export async function listConnections(deps: OrgDeps): Promise<ListConnectionsOutput> {
  const { db, principal, config } = deps;
  const rows = await listVisibleConnections(db, principal.orgId, principal.userId);
  const connections: ConnectionView[] = rows.flatMap((row) => {
    if (!isProvider(row.provider)) return [];
    return [
      {
        id: row.id,
        provider: row.provider,
        owner: row.userId ? 'user' : 'org',
        account: row.account,
        scopes: row.scopes,
        expiresAt: iso(row.expiresAt),
        connectedAt: row.createdAt.toISOString(),
        connectedBy: row.connectedByName,
        lastSuccessAt: iso(row.lastSuccessAt),
        lastErrorAt: iso(row.lastErrorAt),
        lastError: row.lastError,
        canDisconnect: mayDisconnect(principal, row),
      },
    ];
  });
  const providers = connectionProviders.map((name) => {
    const provider = providerOf(name);
    return {
      provider: name,
      label: provider.label,
      owner: provider.owner,
      configured: provider.credentials(config.integrations) !== undefined,
      canConnect: mayConnect(principal, name),
      scopes: [...provider.scopes],
    };
  });
  return { providers, connections };
}

/**
 * Revokes the grant at the provider, then forgets the connection. The vendor is called outside any
 * transaction. A provider that cannot be reached keeps the connection (with the error shown), so
 * the grant is not left alive at the vendor while CSCX believes it gone.
 */
export async function disconnectConnection(
  deps: StreamingDeps,
  input: { id: string },
): Promise<z.infer<typeof disconnectOutput>> {
  const { principal, config, secrets, clock, log } = deps;
  const row = await deps.inOrg((tx) => findConnectionById(tx, principal.orgId, input.id));
  if (!row || !isProvider(row.provider) || (row.userId !== null && row.userId !== principal.userId)) {
    throw new DomainError('NOT_FOUND', 'no such connection');
  }
  if (!mayDisconnect(principal, row)) {
    throw new DomainError('FORBIDDEN', "disconnecting the org's connection needs the admin role");
  }
  const owner = { orgId: row.orgId, provider: row.provider, userId: row.userId };
  const provider = providerOf(row.provider);
  const tokens = {
    ...openTokens(secrets, owner, row.tokensSealed),
    expiresAt: row.expiresAt,
    scopes: row.scopes,
  };
  let outcome: Awaited<ReturnType<typeof provider.revoke>>;
  try {
    outcome = await provider.revoke(config.integrations, tokens);
  } catch (error) {
    const reason = provider.describeError(error);
    await deps.inOrg((tx) =>
      updateConnection(tx, row.orgId, row.id, { lastError: `revoking: ${reason}`, lastErrorAt: clock.now() }),
    );
    throw new DomainError(
      'CONFLICT',
      `${provider.label} did not confirm the revocation (${reason}): try again`,
    );
  }
  await deps.inOrg(async (tx) => {
    await deleteConnection(tx, row.orgId, row.id);
    await recordAudit(tx, {
      orgId: row.orgId,
      actorUserId: principal.userId,
      action: 'connection.disconnect',
      tableName: 'connections',
      rowId: row.id,
      changes: { provider: row.provider, account: row.account, revoked: outcome },
    });
  });
  log.info({ orgId: row.orgId, provider: row.provider, connectionId: row.id, outcome }, 'connection removed');
  return { revocation: outcome };
}
