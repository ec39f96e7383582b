import { initTRPC, TRPCError } from '@trpc/server';
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

type Log = RequestContext['deps']['log'];

function mapFailure(error: TRPCError, log: Log): TRPCError {
  const mapped = toTRPCError(error);
  if (mapped.code === 'INTERNAL_SERVER_ERROR')
    log.error({ failure: describeFailure(error) }, 'procedure failed');
  return mapped;
}

/**
 * A streamed answer fails after its procedure returned: its errors are mapped as it is read.
 * `yield*` hands the caller's early stop on to the source, so stopping still stops the work.
 */
async function* mapStreamFailures(source: AsyncIterable<unknown>, log: Log): AsyncGenerator<unknown> {
  try {
    yield* source;
  } catch (error) {
    const failure =
      error instanceof TRPCError ? error : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error });
    throw mapFailure(failure, log);
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Every procedure is built on this: domain and database errors become tRPC codes here, once. */
export const publicProcedure = t.procedure.use(async ({ next, ctx }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = mapFailure(result.error, ctx.deps.log);
    if (mapped !== result.error) throw mapped;
  }
  if (result.ok && isAsyncIterable(result.data))
    return { ...result, data: mapStreamFailures(result.data, ctx.deps.log) };
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
