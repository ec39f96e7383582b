import { TRPCError } from '@trpc/server';
import type { UserRole } from '../../shared/enums.ts';
import type { Principal } from '../auth/principal.ts';
import { hashToken } from '../auth/secrets.ts';
import { orgRunner } from '../db/tenancy.ts';
import type { AppDeps, OrgDeps, StreamingDeps } from '../deps.ts';
import { isKnownOverLimit, tooManyCallsMessage } from '../rate-limits/early-refusal.ts';
import { publicProcedure } from './trpc.ts';

const invalidToken = () =>
  new TRPCError({ code: 'UNAUTHORIZED', message: 'the token is invalid, expired or revoked' });

const tooManyCalls = () => new TRPCError({ code: 'TOO_MANY_REQUESTS', message: tooManyCallsMessage });

/**
 * Every call counts, batched or not: against the signed-in user, or against the address when the token
 * is not valid (random bearer strings must not each get a bucket of their own).
 */
function countCall(app: AppDeps, key: string): void {
  if (!app.limits.calls.take(key, app.clock.now().getTime())) throw tooManyCalls();
}

function refuseCaller(app: AppDeps, ip: string, error: TRPCError): never {
  countCall(app, `ip:${ip}`);
  throw error;
}

/**
 * A token whose user has used their minute is refused before its transaction: a flood of calls over
 * the limit must not queue for the embedded database's one connection ahead of other orgs' calls.
 * (Over HTTP such a request is answered before tRPC reads it: server.ts.) Returns the token's hash.
 */
function refuseKnownOverLimit(app: AppDeps, token: string): string {
  const tokenHash = hashToken(token);
  if (isKnownOverLimit(app.limits, tokenHash, app.clock.now().getTime())) throw tooManyCalls();
  return tokenHash;
}

function countPrincipal(app: AppDeps, tokenHash: string, principal: Principal): void {
  const key = `user:${principal.userId}`;
  app.limits.callers.remember(tokenHash, key);
  countCall(app, key);
}

const signInFirst = () => new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });

/** A stream returned from inside the request's transaction would run after it committed. */
function isStream(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return Symbol.asyncIterator in value || typeof (value as { subscribe?: unknown }).subscribe === 'function';
}

const streamsOutsideTransaction =
  'a procedure that streams must be built on streamingOrgProcedure: the request transaction ends before a stream runs';

/**
 * Opens the request's one transaction: the token is resolved, then every query runs as `cscx_app`
 * with the caller's org set, so row-level security backs up every org filter. Only short database
 * work may happen inside it: the embedded database has a single connection.
 *
 * A query's transaction is read only, and its handler may start before the token has resolved, with
 * the principal it resolved to last time (asBearer in tenancy.ts): a handler that guessed wrong is
 * run again. So a query writes nothing and does nothing outside its transaction that matters twice.
 */
export const authedProcedure = publicProcedure.use(async ({ ctx, next, type }) => {
  const { transactions, ...app } = ctx.deps;
  const token = ctx.bearerToken ?? refuseCaller(app, ctx.ip, signInFirst());
  if (type === 'subscription') throw new Error(streamsOutsideTransaction);
  const tokenHash = refuseKnownOverLimit(app, token);
  const admit = admitOnce(app, tokenHash);
  const outcome = await transactions.asBearer(
    token,
    app.clock.now(),
    async (tx, principal) => {
      admit(principal);
      const deps: OrgDeps = { ...app, db: tx, principal };
      const result = await next({ ctx: { deps } });
      // A failed procedure must not commit what it wrote before failing.
      if (!result.ok) throw result.error;
      if (isStream(result.data)) throw new Error(streamsOutsideTransaction);
      return result;
    },
    type === 'query' ? 'read' : 'write',
  );
  if (!outcome) return refuseCaller(app, ctx.ip, invalidToken());
  return outcome.result;
});

/** A call is counted once, however many times its work runs (a token's user never changes). */
function admitOnce(app: AppDeps, tokenHash: string): (principal: Principal) => void {
  let verdict: { refusal: unknown } | undefined;
  return (principal) => {
    if (!verdict) {
      try {
        countPrincipal(app, tokenHash, principal);
        verdict = { refusal: undefined };
      } catch (error) {
        verdict = { refusal: error };
      }
    }
    if (verdict.refusal) throw verdict.refusal;
  };
}

/**
 * For work that streams, waits on a model, calls an outside API or runs long: the caller is
 * resolved in a short transaction of its own, and the handler gets `deps.inOrg` to open more,
 * each short. No transaction is open while the handler itself waits.
 */
export const streamingAuthedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const { transactions, ...app } = ctx.deps;
  const token = ctx.bearerToken ?? refuseCaller(app, ctx.ip, signInFirst());
  const tokenHash = refuseKnownOverLimit(app, token);
  const outcome = await transactions.asBearer(token, app.clock.now(), async () => undefined, 'read');
  if (!outcome) return refuseCaller(app, ctx.ip, invalidToken());
  const { principal } = outcome;
  countPrincipal(app, tokenHash, principal);
  const deps: StreamingDeps = { ...app, principal, ...orgRunner(transactions, principal.orgId) };
  return next({ ctx: { deps } });
});

/**
 * Until a one-time password is replaced, every token of the user's — a session or a personal access
 * token made with the CLI — may only read who it is, change the password or sign out.
 */
function requirePasswordChanged(principal: Principal): void {
  if (principal.mustChangePassword) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'change your password first (auth.changePassword)' });
  }
}

function requireRole(principal: Principal, roles: UserRole[]): void {
  if (!roles.includes(principal.role)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `requires the ${roles.join(' or ')} role` });
  }
}

const writers: UserRole[] = ['admin', 'csm'];
const admins: UserRole[] = ['admin'];

/** Short reads and writes of the caller's org, in the request's one transaction. */
export const orgProcedure = authedProcedure.use(({ ctx, next }) => {
  requirePasswordChanged(ctx.deps.principal);
  return next();
});
/** Writes CRM data and manages its own tokens. */
export const csmProcedure = orgProcedure.use(({ ctx, next }) => {
  requireRole(ctx.deps.principal, writers);
  return next();
});
/** Manages users, org settings and anyone's tokens. */
export const adminProcedure = orgProcedure.use(({ ctx, next }) => {
  requireRole(ctx.deps.principal, admins);
  return next();
});

/** The caller's org, no transaction held: subscriptions, streamed queries, model and API calls. */
export const streamingOrgProcedure = streamingAuthedProcedure.use(({ ctx, next }) => {
  requirePasswordChanged(ctx.deps.principal);
  return next();
});
export const streamingCsmProcedure = streamingOrgProcedure.use(({ ctx, next }) => {
  requireRole(ctx.deps.principal, writers);
  return next();
});
