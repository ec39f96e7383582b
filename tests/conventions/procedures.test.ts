import { describe, expect, it } from 'vitest';
import { appRouter } from '../../backend/trpc/app-router.ts';
import { authedProcedure, orgProcedure, streamingOrgProcedure } from '../../backend/trpc/procedures.ts';
import { publicProcedure, router } from '../../backend/trpc/trpc.ts';

interface ProcedureDef {
  _def: { middlewares: unknown[]; output?: unknown; type: string };
}

function proceduresOf(anyRouter: unknown): [string, ProcedureDef][] {
  return Object.entries(
    (anyRouter as { _def: { procedures: Record<string, ProcedureDef> } })._def.procedures,
  );
}

const middlewaresOf = (procedure: unknown) => (procedure as ProcedureDef)._def.middlewares;
const errorMapping = middlewaresOf(publicProcedure)[0];
/** The middleware that opens the request's one transaction. */
const requestTransaction = middlewaresOf(authedProcedure)[1];

/** Subscriptions whose handler would run inside (in truth: after) the request's transaction. */
function subscriptionsHoldingATransaction(anyRouter: unknown): string[] {
  return proceduresOf(anyRouter)
    .filter(([, p]) => p._def.type === 'subscription' && p._def.middlewares.includes(requestTransaction))
    .map(([path]) => path);
}

const procedures = proceduresOf(appRouter);

describe('every procedure of the API', () => {
  it('is found (the router is not empty)', () => {
    expect(procedures.length).toBeGreaterThan(20);
  });

  it.each(procedures)(
    '%s is built on the trpc/ base, so its errors are mapped in one place',
    (_path, procedure) => {
      expect(procedure._def.middlewares[0]).toBe(errorMapping);
    },
  );

  it.each(procedures)(
    '%s declares an output schema, so the client types tell the truth',
    (_path, procedure) => {
      expect(procedure._def.output).toBeDefined();
    },
  );

  it('streams only from the base that holds no transaction', () => {
    expect(subscriptionsHoldingATransaction(appRouter)).toEqual([]);
  });
});

describe('the check for streams on the transaction base', () => {
  it('names a subscription built on the transaction base, and passes one on the streaming base', () => {
    const sample = router({
      wrong: orgProcedure.subscription(async function* () {}),
      right: streamingOrgProcedure.subscription(async function* () {}),
    });
    expect(subscriptionsHoldingATransaction(sample)).toEqual(['wrong']);
  });
});
