import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { maxEventsPerIngest } from '../../shared/api/signals.ts';
import { hashToken } from '../auth/secrets.ts';
import type { PublicDeps } from '../deps.ts';
import { describeIssues } from '../imports/fields.ts';
import { findIngestCaller, type IngestCaller, recordIngestTokenUse } from './ingest-tokens.ts';
import { parseSignalEvents } from './prepare.ts';
import { recordParsedSignals } from './service.ts';

export const ingestPath = '/ingest/v1/events';
export const ingestBodyLimit = 1024 * 1024;

export interface IngestRouteOptions {
  /** Undefined until the database is migrated: then the endpoint answers 503. */
  depsOf(): PublicDeps | undefined;
}

/** Only the envelope is checked here: each event is checked on its own, and rejected on its own. */
const ingestBody = z.object(
  {
    events: z
      .array(z.unknown(), { error: 'events must be an array' })
      .min(1, 'events is empty')
      .max(maxEventsPerIngest, `at most ${maxEventsPerIngest} events per request`),
  },
  { error: 'the body must be a JSON object with an events array' },
);

const unauthorized = { error: 'a valid ingest token is required (Authorization: Bearer cscx_ing_…)' };
const tooMany = { error: 'too many requests for this token: wait a minute and try again' };

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return (header ? /^Bearer\s+(\S+)$/i.exec(header) : null)?.[1];
}

/**
 * `POST /ingest/v1/events` for outside systems, authenticated by an org's ingest token. The token is
 * resolved before the body is read (a stranger cannot make the server parse a megabyte), in a short
 * transaction as `cscx_auth`; the events are then written in a short one of the org's. A revoked
 * token is refused on its next request. Bad input is a 4xx with a message, never a 500.
 */
export function ingestRoutes(
  app: FastifyInstance,
  options: IngestRouteOptions,
  done: (error?: Error) => void,
): void {
  const callers = new WeakMap<FastifyRequest, IngestCaller>();

  const authenticate = async (request: FastifyRequest, reply: FastifyReply) => {
    const deps = options.depsOf();
    if (!deps)
      return reply
        .code(503)
        .header('retry-after', '2')
        .send({ error: 'starting: the database is being migrated' });
    const now = deps.clock.now().getTime();
    const token = bearerToken(request);
    const key = token ? `ingest:${hashToken(token)}` : undefined;
    if (key && deps.limits.calls.isOver(key, now))
      return reply.code(429).header('retry-after', '60').send(tooMany);
    const caller = token
      ? await deps.transactions.inAuthLookup((tx) => findIngestCaller(tx, token))
      : undefined;
    if (!caller || !key) {
      // Guessing tokens is counted against the address, as a bad tRPC token is.
      if (!deps.limits.calls.take(`ip:${request.ip}`, now))
        return reply.code(429).header('retry-after', '60').send(tooMany);
      return reply.code(401).header('www-authenticate', 'Bearer').send(unauthorized);
    }
    if (!deps.limits.calls.take(key, now)) return reply.code(429).header('retry-after', '60').send(tooMany);
    callers.set(request, caller);
  };

  app.post(
    ingestPath,
    { bodyLimit: ingestBodyLimit, onRequest: authenticate, errorHandler: answerBadRequest },
    async (request, reply) => {
      const deps = options.depsOf();
      const caller = callers.get(request);
      if (!deps || !caller) throw new Error('the ingest request was not authenticated');
      const body = ingestBody.safeParse(request.body);
      if (!body.success) return reply.code(400).send({ error: describeIssues(body.error) });
      const now = deps.clock.now();
      // Parsed before the transaction: the embedded database's one connection waits only for SQL.
      const parsed = parseSignalEvents(body.data.events, true);
      const outcome = await deps.transactions.inOrg(caller.orgId, async (tx) => {
        await recordIngestTokenUse(tx, caller, now);
        return recordParsedSignals(tx, { orgId: caller.orgId, source: 'ingest', now, parsed });
      });
      return reply.code(202).send(outcome);
    },
  );
  done();
}

const parseErrors: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'the body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'the body is empty: send {"events": [...]}',
  FST_ERR_CTP_BODY_TOO_LARGE: `the body is larger than ${ingestBodyLimit / 1024 / 1024} MiB: send fewer events per request`,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'send the body as Content-Type: application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'the Content-Length does not match the body',
};

/** The body parser's refusals in words; anything else is ours, logged without the body. */
function answerBadRequest(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 500;
  if (status < 500) return reply.code(status).send({ error: parseErrors[error.code] ?? error.message });
  // A database error's message carries the statement's parameters (the events): its code and kind only.
  const code = (error.cause as { code?: unknown } | undefined)?.code ?? error.code;
  request.log.error({ err: { name: error.name, code } }, 'ingest request failed');
  return reply.code(500).send({ error: 'the events could not be stored: try again' });
}
