import { z } from 'zod';
import { type ConnectionProvider, connectionProviders } from '../../../shared/api/connections.ts';
import { recordAudit } from '../../audit/record.ts';
import type { PublicDeps } from '../../deps.ts';
import { hashState } from './authorisation.ts';
import { type AccountVerdict, checkMembersAccount } from './member-account.ts';
import { consumeState, findStateByHash, saveConnection } from './queries.ts';
import { providerOf } from './registry.ts';
import { sealTokens, verifierPurpose } from './sealed-tokens.ts';
import { redirectUriOf } from './start.ts';

/** What the provider puts on the redirect back: a code and our state, or an error. */
const callbackQuery = z.object({
  code: z.string().min(1).max(2000).optional(),
  state: z.string().min(1).max(200).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(500).optional(),
});

export type CallbackOutcome =
  | { ok: true; provider: ConnectionProvider; account: string }
  | { ok: false; status: number; reason: string };

const refused = (status: number, reason: string): CallbackOutcome => ({ ok: false, status, reason });
const startAgain = 'Start again from the Connections section of CSCX settings.';

export function isProvider(name: string): name is ConnectionProvider {
  return (connectionProviders as readonly string[]).includes(name);
}

/**
 * The end of an authorisation, reached by the user's browser with no token of ours: the state says
 * whose it is. It is looked up (as `cscx_auth`), then consumed in the org's own transaction, so it
 * works once; the code is exchanged with the verifier outside any transaction, and the tokens are
 * stored sealed.
 */
export async function completeConnection(
  deps: PublicDeps,
  providerName: string,
  rawQuery: unknown,
): Promise<CallbackOutcome> {
  const { transactions, clock, config, secrets, log } = deps;
  const query = callbackQuery.safeParse(rawQuery);
  if (!isProvider(providerName) || !query.success || !query.data.state) {
    return refused(400, `This is not a sign-in CSCX started. ${startAgain}`);
  }
  const { state, code, error } = query.data;
  const stateHash = hashState(state);
  const pending = await transactions.inAuthLookup((tx) => findStateByHash(tx, stateHash));
  if (!pending || pending.provider !== providerName) {
    return refused(400, `This sign-in link is unknown or was already used. ${startAgain}`);
  }
  const consumed = await transactions.inOrg(pending.orgId, (tx) => consumeState(tx, pending.id));
  if (!consumed) return refused(400, `This sign-in link was already used. ${startAgain}`);
  if (pending.expiresAt.getTime() <= clock.now().getTime()) {
    return refused(400, `This sign-in link expired. ${startAgain}`);
  }
  const provider = providerOf(providerName);
  if (error || !code) {
    log.info({ orgId: pending.orgId, provider: providerName, error }, 'connection refused by the provider');
    return refused(400, `${provider.label} did not grant access (${error ?? 'no code'}). ${startAgain}`);
  }
  const codeVerifier = secrets.open(pending.verifierSealed, verifierPurpose(pending.orgId, stateHash));
  let grant: Awaited<ReturnType<typeof provider.exchange>>;
  try {
    grant = await provider.exchange(config.integrations, {
      code,
      codeVerifier,
      redirectUri: redirectUriOf(config, providerName),
    });
  } catch (failure) {
    const reason = provider.describeError(failure);
    log.warn(
      { orgId: pending.orgId, provider: providerName, reason },
      'connection: the code exchange failed',
    );
    return refused(502, `${provider.label} refused the sign-in (${reason}). ${startAgain}`);
  }
  if (provider.owner === 'user') {
    const verdict = await transactions.inOrg(pending.orgId, (tx) =>
      checkMembersAccount(tx, pending, grant.account),
    );
    if (!verdict.ok) {
      // Nothing is kept, and the access just granted is given back.
      await provider.revoke(config.integrations, grant).catch(() => undefined);
      log.warn(
        { orgId: pending.orgId, provider: providerName },
        'connection refused: not the member’s own account',
      );
      return refused(403, notTheirAccount(provider.label, grant.account, verdict));
    }
  }
  const userId = provider.owner === 'user' ? pending.userId : null;
  const owner = { orgId: pending.orgId, provider: providerName, userId };
  const row = await transactions.inOrg(pending.orgId, async (tx) => {
    const saved = await saveConnection(tx, {
      ...owner,
      account: grant.account,
      externalId: grant.externalId,
      tokensSealed: sealTokens(secrets, owner, grant),
      scopes: grant.scopes,
      expiresAt: grant.expiresAt,
      connectedBy: pending.userId,
      refreshedAt: null,
      updatedAt: clock.now(),
    });
    await recordAudit(tx, {
      orgId: pending.orgId,
      actorUserId: pending.userId,
      action: 'connection.connect',
      tableName: 'connections',
      rowId: saved.id,
      changes: { provider: providerName, account: grant.account, scopes: grant.scopes },
    });
    return saved;
  });
  log.info({ orgId: pending.orgId, provider: providerName, connectionId: row.id }, 'connection made');
  return { ok: true, provider: providerName, account: grant.account };
}

function notTheirAccount(label: string, account: string, verdict: AccountVerdict & { ok: false }): string {
  const domains =
    verdict.orgDomains.length > 0 ? ` or another address at ${verdict.orgDomains.join(', ')}` : '';
  return `${account} is not your ${label} account in CSCX: sign in to ${label} as ${verdict.memberEmail}${domains}. Nothing was kept, and the access it granted was revoked. ${startAgain}`;
}
