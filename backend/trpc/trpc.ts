import { initTRPC } from '@trpc/server';
import type { RequestContext } from './context.ts';
import { describeFailure, toTRPCError } from './errors.ts';

const t = initTRPC.context<RequestContext>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause as { issues?: unknown } | undefined;
    const issues = error.code === 'BAD_REQUEST' && Array.isArray(cause?.issues) ? cause.issues : undefined;
    // An unexpected failure's message can hold the SQL and its parameters: the log has it, not the caller.
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    return {
      ...shape,
      message: issues ? describeIssues(issues) : internal ? 'internal server error' : shape.message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, issues },
    };
  },
});

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;

/** Every procedure is built on this: domain and database errors become tRPC codes here, once. */
export const publicProcedure = t.procedure.use(async ({ next, ctx }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error);
    if (mapped.code === 'INTERNAL_SERVER_ERROR')
      ctx.deps.log.error({ failure: describeFailure(result.error) }, 'procedure failed');
    if (mapped !== result.error) throw mapped;
  }
  return result;
});

/** "name: Too small…; domains.0: not a domain name" rather than a JSON dump. */
function describeIssues(issues: unknown[]): string {
  return issues
    .map((issue) => {
      const { path = [], message = 'invalid' } = issue as { path?: PropertyKey[]; message?: string };
      return path.length > 0 ? `${path.map(String).join('.')}: ${message}` : message;
    })
    .join('; ');
}
