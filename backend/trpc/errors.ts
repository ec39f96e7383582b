import { TRPCError } from '@trpc/server';
import { type AiErrorClass, AiProviderError } from '../ai/provider.ts';
import { DomainError } from '../domain-error.ts';

/** Postgres SQLSTATEs that user input can cause, and what the caller is told. */
const postgresErrors: Record<string, { code: TRPCError['code']; message: string }> = {
  '23505': { code: 'CONFLICT', message: 'a record with that value already exists' },
  '23503': { code: 'BAD_REQUEST', message: 'refers to a record that does not exist' },
  '23514': { code: 'BAD_REQUEST', message: 'a value is out of range' },
  '22P02': { code: 'BAD_REQUEST', message: 'a value has the wrong format' },
  '22007': { code: 'BAD_REQUEST', message: 'a date has the wrong format' },
  '22008': { code: 'BAD_REQUEST', message: 'a date is out of range' },
  // What Postgres says for an ISO time with a six-digit year (`+275760-09-13T…`), valid in JavaScript.
  '22009': { code: 'BAD_REQUEST', message: 'a date is out of range' },
  '22003': { code: 'BAD_REQUEST', message: 'a number is out of range' },
  '22001': { code: 'BAD_REQUEST', message: 'a value is too long' },
  // A NUL character in a string: Postgres text cannot hold it.
  '22021': { code: 'BAD_REQUEST', message: 'a value contains a character that cannot be stored' },
  '42501': { code: 'FORBIDDEN', message: 'not allowed' },
};

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current && chain.length < 5) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

const aiCodes: Partial<Record<AiErrorClass, TRPCError['code']>> = {
  aborted: 'CLIENT_CLOSED_REQUEST',
  rate_limited: 'TOO_MANY_REQUESTS',
  timeout: 'GATEWAY_TIMEOUT',
};

/** Every provider of the chain failed (or the caller stopped): said in words, with the vendor named. */
function aiFailure(error: AiProviderError): TRPCError {
  return new TRPCError({
    code: aiCodes[error.errorClass] ?? 'BAD_GATEWAY',
    message: `AI call failed: ${error.message}`,
  });
}

export function toTRPCError(error: TRPCError): TRPCError {
  for (const cause of causes(error.cause)) {
    if (cause instanceof TRPCError) return cause;
    if (cause instanceof DomainError)
      return new TRPCError({ code: cause.code, message: cause.message, cause });
    if (cause instanceof AiProviderError) return aiFailure(cause);
    const sqlState = (cause as { code?: unknown }).code;
    if (typeof sqlState === 'string' && postgresErrors[sqlState]) {
      const known = postgresErrors[sqlState];
      return new TRPCError({ code: known.code, message: known.message });
    }
  }
  return error;
}

/**
 * What the log may say about an unexpected failure: the innermost cause only. The query wrapper's
 * message and fields carry the statement's parameters, which can be emails, names or token hashes.
 */
export function describeFailure(error: unknown): {
  type: string;
  code?: string;
  message: string;
  stack?: string;
} {
  const root = causes(error).at(-1) as { name?: unknown; code?: unknown; message?: unknown; stack?: unknown };
  return {
    type: typeof root?.name === 'string' ? root.name : 'Error',
    ...(typeof root?.code === 'string' ? { code: root.code } : {}),
    message: typeof root?.message === 'string' ? root.message : String(root),
    ...(typeof root?.stack === 'string' ? { stack: root.stack } : {}),
  };
}
