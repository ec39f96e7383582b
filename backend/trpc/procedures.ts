import { TRPCError } from '@trpc/server';
import type { UserRole } from '../../shared/enums.ts';
import { resolvePrincipal } from '../auth/principal.ts';
import { publicProcedure } from './trpc.ts';

/**
 * Opens the request's one transaction: the token is resolved, then every query runs as `cscx_app`
 * with the caller's org set, so row-level security backs up every org filter.
 * Only database work may happen inside it: the embedded database has a single connection.
 */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const token = ctx.bearerToken;
  if (!token) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
  const { database, clock } = ctx.deps;
  return database.db.transaction(async (tx) => {
    const principal = await resolvePrincipal(tx, token, clock.now());
    if (!principal)
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'the token is invalid, expired or revoked' });
    const result = await next({ ctx: { db: tx, principal } });
    // A failed procedure must not commit what it wrote before failing.
    if (!result.ok) throw result.error;
    return result;
  });
});

/** Everything but changing the password is refused until a first-sign-in password is replaced. */
export const orgProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.principal.mustChangePassword && ctx.principal.tokenKind === 'session') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'change your password first (auth.changePassword)' });
  }
  return next();
});

function requireRole(...roles: UserRole[]) {
  return orgProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.principal.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `requires the ${roles.join(' or ')} role` });
    }
    return next();
  });
}

/** Writes CRM data and manages its own tokens. */
export const csmProcedure = requireRole('admin', 'csm');
/** Manages users, org settings and anyone's tokens. */
export const adminProcedure = requireRole('admin');
