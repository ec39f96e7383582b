import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * A stand-in for the Gmail REST API as `@googleapis/gmail` calls it (`rootUrl` pointed here):
 * `POST /gmail/v1/users/{userId}/messages/send` with `{ raw, threadId }`, and
 * `GET /gmail/v1/users/{userId}/messages?q=rfc822msgid:…` — the one search CSCX makes. Errors are
 * Google's API shape, `{ error: { code, message, errors, status } }`; a refused bearer is a 401.
 */
export interface SentMessage {
  id: string;
  threadId: string;
  /** Headers of the raw message, names lower-cased. */
  headers: Record<string, string>;
  body: string;
  /** The bearer token it was sent with. */
  accessToken: string;
}

export interface ScriptedFailure {
  status: number;
  reason: string;
  message: string;
  retryAfterSeconds?: number;
}

export interface FakeGmail {
  url: string;
  sent: SentMessage[];
  /** Every request: method, path and query. */
  requests: { method: string; path: string; query: Record<string, string> }[];
  /** The next sends fail with these, in order (the message is not kept). */
  failSends(...failures: ScriptedFailure[]): void;
  /**
   * Called once a send is stored, before it is answered: a test kills the sending process here,
   * between the outside call and the sender's bookkeeping. `'drop'` closes the connection unanswered
   * (the message was sent; the sender never hears so).
   */
  onSend: ((message: SentMessage) => undefined | 'drop') | undefined;
  /** Threads already in the mailbox: their messages' RFC 2822 headers, oldest first (`threads.get`). */
  threads: Map<string, Record<string, string>[]>;
  /** Which bearer tokens count as signed in (by default any `ya29.` token). */
  acceptsToken: (token: string) => boolean;
  close(): Promise<void>;
}

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

function googleError(reply: FastifyReply, failure: ScriptedFailure): FastifyReply {
  if (failure.retryAfterSeconds !== undefined) reply.header('retry-after', String(failure.retryAfterSeconds));
  return reply.code(failure.status).send({
    error: {
      code: failure.status,
      message: failure.message,
      errors: [{ message: failure.message, domain: 'global', reason: failure.reason }],
      status: statusNames[failure.status] ?? 'UNKNOWN',
    },
  });
}

/** Unfolds and splits an RFC 2822 message; decodes a base64 body. */
function parseRaw(raw: string): { headers: Record<string, string>; body: string } {
  const text = Buffer.from(raw, 'base64url').toString('utf8');
  const split = text.indexOf('\r\n\r\n');
  const head = split === -1 ? text : text.slice(0, split);
  const rest = split === -1 ? '' : text.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body =
    headers['content-transfer-encoding']?.toLowerCase() === 'base64'
      ? Buffer.from(rest.replace(/\s+/g, ''), 'base64').toString('utf8')
      : rest;
  return { headers, body };
}

const gmailId = () => randomBytes(8).toString('hex');

export async function startFakeGmail(): Promise<FakeGmail> {
  const app = Fastify({ bodyLimit: 40 * 1024 * 1024 });
  const failures: ScriptedFailure[] = [];
  const fake: FakeGmail = {
    url: '',
    sent: [],
    requests: [],
    failSends: (...more) => {
      failures.push(...more);
    },
    onSend: undefined,
    threads: new Map(),
    acceptsToken: (token) => token.startsWith('ya29.'),
    close: () => app.close(),
  };

  const bearerOf = (request: FastifyRequest) =>
    /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];

  app.addHook('onRequest', async (request, reply) => {
    const [path = '/'] = request.url.split('?');
    fake.requests.push({ method: request.method, path, query: request.query as Record<string, string> });
    const bearer = bearerOf(request);
    if (!bearer || !fake.acceptsToken(bearer)) {
      reply.header('www-authenticate', 'Bearer realm="https://accounts.google.com/", error="invalid_token"');
      return googleError(reply, {
        status: 401,
        reason: 'authError',
        message: 'Request had invalid authentication credentials.',
      });
    }
  });

  app.post('/gmail/v1/users/:userId/messages/send', async (request, reply) => {
    const body = (request.body ?? {}) as { raw?: unknown; threadId?: unknown };
    if (typeof body.raw !== 'string' || body.raw.length === 0)
      return googleError(reply, {
        status: 400,
        reason: 'invalidArgument',
        message: "'raw' RFC822 payload message string or uploading message via /upload/* URL required",
      });
    const failure = failures.shift();
    if (failure) return googleError(reply, failure);
    const { headers, body: text } = parseRaw(body.raw);
    if (!headers.to)
      return googleError(reply, { status: 400, reason: 'invalidArgument', message: 'Invalid To header' });
    const threadId = typeof body.threadId === 'string' && body.threadId ? body.threadId : gmailId();
    const message: SentMessage = {
      id: gmailId(),
      threadId,
      headers,
      body: text,
      accessToken: bearerOf(request) ?? '',
    };
    fake.sent.push(message);
    if (fake.onSend?.(message) === 'drop') {
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    return { id: message.id, threadId: message.threadId, labelIds: ['SENT'] };
  });

  app.get('/gmail/v1/users/:userId/messages', async (request) => {
    const q = (request.query as { q?: string }).q ?? '';
    const wanted = /^rfc822msgid:<?([^\s>]+)>?$/.exec(q.trim())?.[1];
    const hits = wanted ? fake.sent.filter((m) => m.headers['message-id'] === `<${wanted}>`) : fake.sent;
    if (hits.length === 0) return { resultSizeEstimate: 0 };
    return {
      messages: hits.map((m) => ({ id: m.id, threadId: m.threadId })),
      resultSizeEstimate: hits.length,
    };
  });

  app.get('/gmail/v1/users/:userId/threads/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const query = request.query as { metadataHeaders?: string | string[] };
    const wanted = [query.metadataHeaders ?? []].flat().map((name) => name.toLowerCase());
    const messages = fake.threads.get(id);
    if (!messages)
      return googleError(reply, {
        status: 404,
        reason: 'notFound',
        message: 'Requested entity was not found.',
      });
    return {
      id,
      messages: messages.map((headers, index) => ({
        id: `${id}-${index}`,
        threadId: id,
        payload: {
          headers: Object.entries(headers)
            .filter(([name]) => wanted.length === 0 || wanted.includes(name.toLowerCase()))
            .map(([name, value]) => ({ name, value })),
        },
      })),
    };
  });

  fake.url = await app.listen({ host: '127.0.0.1', port: 0 });
  return fake;
}
