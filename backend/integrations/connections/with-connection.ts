import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectionProvider } from '../../../shared/api/connections.ts';
import type { OrgRunner } from '../../db/tenancy.ts';
import type { AppDeps } from '../../deps.ts';
import { DomainError } from '../../domain-error.ts';
import type { ConnectionRow } from '../schema.ts';
import type { ProviderDescription, TokenSet } from './provider.ts';
import { findConnection, findConnectionById, updateConnection } from './queries.ts';
import { type ProviderClient, providerOf } from './registry.ts';
import { type ConnectionOwnerKey, openTokens, sealTokens } from './sealed-tokens.ts';

/** A token this close to lapsing is refreshed before it is used. */
export const refreshAheadMs = 5 * 60_000;

/** What the executors (an action's job, a sync) hand over: no transaction is held while the vendor is called. */
export type ConnectionDeps = Pick<AppDeps, 'clock' | 'log' | 'config' | 'secrets'> & OrgRunner;

export interface ConnectionRequest<P extends ConnectionProvider> {
  orgId: string;
  /** Whose Google; omitted for the org's own connection (Slack). */
  userId?: string;
  provider: P;
}

/**
 * Runs `work` with the provider's client signed in as the connection: refreshed ahead of expiry,
 * and on a refused token refreshed once and `work` run once more. Records the last success or
 * error on the connection. `work` may run twice, so it must be safe to repeat (the actions
 * pipeline's idempotency keys). Tokens never reach the log.
 */
export async function withConnection<P extends ConnectionProvider, T>(
  deps: ConnectionDeps,
  request: ConnectionRequest<P>,
  work: (client: ProviderClient<P>) => Promise<T>,
): Promise<T> {
  if (request.orgId !== deps.orgId) throw new Error('withConnection: the request names another org');
  const provider = providerOf(request.provider) as ProviderDescription<ProviderClient<P>>;
  const owner: ConnectionOwnerKey = {
    orgId: request.orgId,
    provider: request.provider,
    userId: provider.owner === 'user' ? (request.userId ?? null) : null,
  };
  if (provider.owner === 'user' && !owner.userId)
    throw new Error(`withConnection: ${provider.name} needs a userId`);
  const row = await deps.inOrg((tx) => findConnection(tx, owner));
  if (!row) {
    throw new DomainError(
      'NOT_FOUND',
      `no ${provider.label} connection: connect it in settings (Connections)`,
    );
  }
  const session = new ConnectionSession(deps, provider, owner, row);
  try {
    if (session.isLapsing()) await session.refresh();
    let result: T;
    try {
      result = await work(session.client());
    } catch (error) {
      if (!provider.isUnauthorized(error) || !session.canRefresh() || session.refreshed) throw error;
      deps.log.info(session.logFields(), 'connection: the token was refused, refreshing once');
      await session.refresh();
      result = await work(session.client());
    }
    await session.recordSuccess();
    return result;
  } catch (error) {
    await session.recordError(error);
    throw error;
  }
}

class ConnectionSession<C> {
  private tokens: TokenSet = { accessToken: '', expiresAt: null, scopes: [] };
  /** The sealed tokens this session holds, as stored: how another worker's refresh is noticed. */
  private sealed = '';
  refreshed = false;

  constructor(
    private readonly deps: ConnectionDeps,
    private readonly provider: ProviderDescription<C>,
    private readonly owner: ConnectionOwnerKey,
    private readonly row: ConnectionRow,
  ) {
    this.adopt(row);
  }

  logFields() {
    return { orgId: this.owner.orgId, provider: this.owner.provider, connectionId: this.row.id };
  }

  isLapsing(): boolean {
    const { expiresAt } = this.tokens;
    return (
      this.canRefresh() &&
      expiresAt !== null &&
      expiresAt.getTime() - this.deps.clock.now().getTime() < refreshAheadMs
    );
  }

  canRefresh(): boolean {
    return this.tokens.refreshToken !== undefined;
  }

  client(): C {
    return this.provider.client(this.deps.config.integrations, this.tokens.accessToken);
  }

  /** Outside any transaction; the new tokens are stored before they are used. */
  async refresh(): Promise<void> {
    try {
      this.tokens = await this.provider.refresh(this.deps.config.integrations, this.tokens);
    } catch (error) {
      if (!(await this.adoptRefreshedElsewhere())) throw error;
      this.refreshed = true;
      return;
    }
    this.refreshed = true;
    const now = this.deps.clock.now();
    this.sealed = sealTokens(this.deps.secrets, this.owner, this.tokens);
    await this.deps.inOrg((tx) =>
      updateConnection(tx, this.owner.orgId, this.row.id, {
        tokensSealed: this.sealed,
        expiresAt: this.tokens.expiresAt,
        scopes: this.tokens.scopes,
        refreshedAt: now,
        updatedAt: now,
      }),
    );
    this.deps.log.info(this.logFields(), 'connection refreshed');
  }

  /**
   * A rotating refresh token (Slack with rotation, Zoom) works once: when a worker beside this one
   * refreshed first, ours is refused, and the tokens it got are (or are about to be) stored. Those
   * are used instead of failing.
   */
  private async adoptRefreshedElsewhere(): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await this.deps.inOrg((tx) => findConnectionById(tx, this.owner.orgId, this.row.id));
      if (current && current.tokensSealed !== this.sealed) {
        this.adopt(current);
        this.deps.log.info(this.logFields(), 'connection: refreshed meanwhile by another worker');
        return true;
      }
      await sleep(100);
    }
    return false;
  }

  private adopt(row: Pick<ConnectionRow, 'tokensSealed' | 'expiresAt' | 'scopes'>): void {
    this.sealed = row.tokensSealed;
    this.tokens = {
      ...openTokens(this.deps.secrets, this.owner, row.tokensSealed),
      expiresAt: row.expiresAt,
      scopes: row.scopes,
    };
  }

  async recordSuccess(): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.inOrg((tx) =>
      updateConnection(tx, this.owner.orgId, this.row.id, { lastSuccessAt: now, updatedAt: now }),
    );
  }

  /** The vendor's own words, with any token that might be in them taken out. */
  async recordError(error: unknown): Promise<void> {
    const reason = this.withoutTokens(this.provider.describeError(error)).slice(0, 500);
    const now = this.deps.clock.now();
    this.deps.log.warn({ ...this.logFields(), reason }, 'connection: the call failed');
    await this.deps.inOrg((tx) =>
      updateConnection(tx, this.owner.orgId, this.row.id, {
        lastError: reason,
        lastErrorAt: now,
        updatedAt: now,
      }),
    );
  }

  private withoutTokens(text: string): string {
    let clean = text;
    for (const token of [this.tokens.accessToken, this.tokens.refreshToken]) {
      if (token) clean = clean.split(token).join('[token]');
    }
    return clean;
  }
}
