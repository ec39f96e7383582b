import { describe, expect, it } from 'vitest';
import { appRouter } from '../../backend/trpc/app-router.ts';
import { publicProcedure } from '../../backend/trpc/trpc.ts';

interface ProcedureDef {
  _def: { middlewares: unknown[]; output?: unknown; type: string };
}

const procedures = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, ProcedureDef> } })._def.procedures,
);
const errorMapping = (publicProcedure as unknown as ProcedureDef)._def.middlewares[0];

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
});
