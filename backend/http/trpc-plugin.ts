import {
  type AnyTRPCProcedure,
  type AnyTRPCRouter,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  TRPCError,
} from '@trpc/server';
import { type FastifyTRPCPluginOptions, fastifyRequestHandler } from '@trpc/server/adapters/fastify';
import { getHTTPStatusCode } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

type TrpcOptions<TRouter extends AnyTRPCRouter> = FastifyTRPCPluginOptions<TRouter>['trpcOptions'] & {
  maxBatchSize: number;
};

export interface TrpcPluginOptions<TRouter extends AnyTRPCRouter> {
  trpcOptions: TrpcOptions<TRouter>;
  /** The context of a plain JSON call: what `trpcOptions.createContext` makes, from the request alone. */
  contextOf(req: FastifyRequest): unknown;
}

/**
 * tRPC over HTTP at `/trpc`, as `fastifyTRPCPlugin` serves it, with one difference: a plain JSON
 * call — queries or mutations, alone or batched, answered with one JSON body, which is every call
 * the sidebar makes but a stream — is answered here, straight from Fastify's request. tRPC's own
 * adapter turns each request into a Fetch `Request` (URL, headers, a body stream, an abort signal)
 * and its answer into a `Response` that Fastify then pipes out as a stream: a third of an
 * authenticated no-op's own time (docs/benchmarks.md). Anything else goes to tRPC's handler before
 * any of it has run: subscriptions, streamed batches (`trpc-accept: application/jsonl`), form data,
 * and every request tRPC answers with a protocol error (unknown path, wrong method, bad JSON).
 */
export function trpcPlugin<TRouter extends AnyTRPCRouter>(
  fastify: FastifyInstance,
  opts: TrpcPluginOptions<TRouter>,
  done: (error?: Error) => void,
): void {
  // As fastifyTRPCPlugin: tRPC reads JSON bodies itself, and form data as the raw request.
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, parsed) =>
    parsed(null, body),
  );
  fastify.removeContentTypeParser('multipart/form-data');
  fastify.addContentTypeParser('multipart/form-data', {}, (_req, body, parsed) => parsed(null, body));
  const { trpcOptions } = opts;
  fastify.all('/trpc/:path', async (req, reply) => {
    const path = (req.params as { path: string }).path;
    const calls = plainJsonCalls(trpcOptions, req, path);
    const ctx = calls ? contextOrUndefined(opts, req) : undefined;
    if (!calls || !ctx) return fastifyRequestHandler({ ...trpcOptions, req, res: reply, path });
    return answer(trpcOptions, req, reply, calls, ctx.value);
  });
  done();
}

/** The calls' context; undefined when making it fails (tRPC's handler then answers with the error). */
function contextOrUndefined<TRouter extends AnyTRPCRouter>(
  options: TrpcPluginOptions<TRouter>,
  req: FastifyRequest,
): { value: unknown } | undefined {
  try {
    return { value: options.contextOf(req) };
  } catch {
    return undefined;
  }
}

interface Call {
  path: string;
  procedure: AnyTRPCProcedure;
  input: unknown;
}

/** The calls of a plain JSON request, or undefined when tRPC's own handler is to answer it. */
function plainJsonCalls<TRouter extends AnyTRPCRouter>(
  options: TrpcOptions<TRouter>,
  req: FastifyRequest,
  path: string,
): Call[] | undefined {
  if (req.method !== 'GET' && req.method !== 'POST') return undefined;
  if (req.headers['trpc-accept'] !== undefined || /application\/jsonl/.test(req.headers.accept ?? ''))
    return undefined;
  if (req.method === 'POST' && !isJson(req.headers['content-type'])) return undefined;
  const query = req.query as Record<string, string | undefined>;
  const batch = query.batch === '1';
  const procedurePath = decoded(path);
  if (procedurePath === undefined) return undefined;
  const paths = batch ? procedurePath.split(',') : [procedurePath];
  if (paths.length > options.maxBatchSize) return undefined;
  const inputs = readInputs(req, query, batch);
  if (!inputs) return undefined;
  // tRPC keeps its procedures flat, by dotted path.
  const procedures = options.router._def.procedures as Record<string, AnyTRPCProcedure | undefined>;
  const calls: Call[] = [];
  for (const [index, callPath] of paths.entries()) {
    const procedure = Object.hasOwn(procedures, callPath) ? procedures[callPath] : undefined;
    if (!procedure || !isServedHere(procedure._def.type, req.method, options.allowMethodOverride === true))
      return undefined;
    if (calls[0] && calls[0].procedure._def.type !== procedure._def.type) return undefined;
    const { transformer } = options.router._def._config;
    const raw = batch ? (inputs.value as Record<string, unknown>)[index] : inputs.value;
    calls.push({
      path: callPath,
      procedure,
      input: raw === undefined ? undefined : transformer.input.deserialize(raw),
    });
  }
  return calls;
}

/** Queries by GET (or by POST, as `allowMethodOverride` lets them); mutations by POST. */
function isServedHere(type: string, method: string, methodOverride: boolean): boolean {
  if (type === 'query') return method === 'GET' || methodOverride;
  return type === 'mutation' && method === 'POST';
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

function decoded(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/** The JSON of the body, or of `?input=` for a GET; `value` undefined when there is none. */
function readInputs(
  req: FastifyRequest,
  query: Record<string, string | undefined>,
  batch: boolean,
): { value: unknown } | undefined {
  const text = req.method === 'GET' ? query.input : (req.body as string | undefined);
  if (!text) return { value: batch ? {} : undefined };
  try {
    const value: unknown = JSON.parse(text);
    if (batch && (typeof value !== 'object' || value === null || Array.isArray(value))) return undefined;
    return { value };
  } catch {
    return undefined;
  }
}

async function answer<TRouter extends AnyTRPCRouter>(
  options: TrpcOptions<TRouter>,
  req: FastifyRequest,
  reply: FastifyReply,
  calls: Call[],
  ctx: unknown,
): Promise<Buffer> {
  const signal = abortedWithRequest(req, reply);
  const batch = (req.query as Record<string, string | undefined>).batch === '1';
  const config = options.router._def._config;
  const outcomes = await Promise.all(
    calls.map(async ({ path, procedure, input }, batchIndex) => {
      const type = procedure._def.type;
      try {
        const data: unknown = await procedure({
          path,
          getRawInput: async () => input,
          ctx,
          type,
          signal,
          batchIndex,
        });
        if (isDataStream(data)) {
          // Unbatched, tRPC reports it as a failure of the request, not of the call.
          const failure = streamInPlainCall();
          return batch
            ? { error: failure, path, input, type }
            : { error: failure, path: undefined, input: undefined, type };
        }
        return { data };
      } catch (cause) {
        return { error: getTRPCErrorFromUnknown(cause), path, input, type };
      }
    }),
  );
  const json = outcomes.map((outcome) =>
    'data' in outcome
      ? { result: { data: outcome.data } }
      : { error: getTRPCErrorShape({ config, ctx, ...outcome }) },
  );
  const errors = outcomes.map((outcome) => ('error' in outcome ? outcome.error : undefined));
  const { serialize } = config.transformer.output;
  const body = json.map((item) =>
    'error' in item ? { error: serialize(item.error) } : { result: { data: serialize(item.result.data) } },
  );
  reply
    .code(getHTTPStatusCode(json, errors))
    .header('vary', 'trpc-accept, accept')
    .header('content-type', 'application/json');
  // A Buffer, so that Fastify sends the content type as tRPC sets it (a string would get a charset).
  return Buffer.from(JSON.stringify(batch ? body : body[0]));
}

/** tRPC's own refusal of a handler that returns a stream to a call that is not streamed. */
function streamInPlainCall(): TRPCError {
  return new TRPCError({
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Cannot use stream-like response in non-streaming request - use httpBatchStreamLink',
  });
}

function isDataStream(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const isStreamy = (v: unknown) =>
    typeof v === 'object' &&
    v !== null &&
    (Symbol.asyncIterator in v || typeof (v as Promise<unknown>).then === 'function');
  return Symbol.asyncIterator in value || Object.values(value).some(isStreamy);
}

/** Aborted when the client goes away before its answer: a model call stops then. */
function abortedWithRequest(req: FastifyRequest, reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableEnded) controller.abort();
  });
  req.raw.once('aborted', () => controller.abort());
  return controller.signal;
}
