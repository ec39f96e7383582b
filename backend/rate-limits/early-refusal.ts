import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimits } from './call-limiter.ts';

export const tooManyCallsMessage = 'too many calls: wait a minute and try again';

/** Whether a token seen lately belongs to a user who has used their minute (call-limiter.ts). */
export function isKnownOverLimit(limits: RateLimits, tokenHash: string, now: number): boolean {
  const key = limits.callers.keyOf(tokenHash);
  return key !== undefined && limits.calls.isOver(key, now);
}

/**
 * Answers every call of a tRPC request with TOO_MANY_REQUESTS, in the shape the procedure bases
 * give it, without reading the body or running tRPC: a flood of batches over the limit then costs
 * the server little more than its HTTP parsing, and the other orgs' calls keep the event loop.
 */
export function refuseEveryCall(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { path = '' } = request.params as { path?: string };
  const { batch } = request.query as { batch?: string };
  const refusal = (procedure: string) => ({
    error: {
      message: tooManyCallsMessage,
      code: TRPC_ERROR_CODES_BY_KEY.TOO_MANY_REQUESTS,
      data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429, path: procedure },
    },
  });
  const paths = path.split(',');
  return reply
    .code(429)
    .header('retry-after', '60')
    .send(batch === '1' ? paths.map(refusal) : refusal(paths[0] ?? ''));
}
