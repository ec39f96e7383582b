import { and, eq } from 'drizzle-orm';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { PublicDeps } from '../../deps.ts';
import { connections } from '../../integrations/schema.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { zoomTranscriptQueue } from './transcript-job.ts';
import { otherZoomEvent, zoomWebhookEvent } from './webhook-events.ts';
import { urlValidationAnswer, verifyZoomRequest } from './webhook-signature.ts';

export const zoomWebhookPath = '/webhooks/zoom';
const webhookBodyLimit = 256 * 1024;

export interface ZoomWebhookOptions {
  /** Undefined until the database is migrated: then the endpoint answers 503. */
  depsOf(): PublicDeps | undefined;
}

/** The org whose Zoom connection is this Zoom account, read as `cscx_auth` (three columns only). */
async function orgOfZoomAccount(tx: Db, accountId: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ orgId: connections.orgId })
    .from(connections)
    .where(and(eq(connections.provider, 'zoom'), eq(connections.externalId, accountId)))
    .limit(1);
  return row?.orgId;
}

/**
 * `POST /webhooks/zoom`: Zoom's event notifications. Every request must carry Zoom's signature
 * over the exact bytes sent (`x-zm-signature`) with a timestamp inside five minutes; anything else
 * is 401, before its body is looked at. The URL-validation challenge is answered; a finished
 * transcript becomes a job holding only the meeting's UUID, in the org whose Zoom connection has
 * the event's account id. Sent again, the job coalesces or stores the same transcript once.
 */
export function zoomWebhookRoutes(
  app: FastifyInstance,
  options: ZoomWebhookOptions,
  done: (error?: Error) => void,
): void {
  // The signature covers the raw body: it is kept as text and parsed only once it is verified.
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: webhookBodyLimit },
    (_r, body, next) => next(null, body),
  );

  app.post(zoomWebhookPath, { errorHandler: answerBadRequest }, async (request, reply) => {
    const deps = options.depsOf();
    if (!deps) return reply.code(503).header('retry-after', '2').send({ error: 'starting' });
    const secret = deps.config.integrations.zoom.webhookSecret;
    if (!secret) return reply.code(503).send({ error: 'Zoom webhooks are not configured on this server' });
    const rawBody = typeof request.body === 'string' ? request.body : '';
    const verdict = verifyZoomRequest({
      secret,
      signature: header(request, 'x-zm-signature'),
      timestamp: header(request, 'x-zm-request-timestamp'),
      rawBody,
      now: deps.clock.now(),
    });
    if (verdict !== 'ok') {
      request.log.warn({ verdict }, 'zoom webhook refused');
      return reply
        .code(401)
        .send({ error: verdict === 'stale' ? 'the request timestamp is too old' : 'bad signature' });
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return reply.code(400).send({ error: 'the body is not valid JSON' });
    }
    const event = zoomWebhookEvent.safeParse(json);
    if (!event.success) {
      const other = otherZoomEvent.safeParse(json);
      return other.success
        ? reply.code(200).send({ ignored: other.data.event })
        : reply.code(400).send({ error: 'not a Zoom event' });
    }
    if (event.data.event === 'endpoint.url_validation')
      return reply.code(200).send(urlValidationAnswer(secret, event.data.payload.plainToken));
    const { account_id: accountId, object } = event.data.payload;
    const orgId = await deps.transactions.inAuthLookup((tx) => orgOfZoomAccount(tx, accountId));
    if (!orgId) {
      request.log.info('zoom webhook for an account no org connected');
      return reply.code(200).send({ ignored: 'no org connected this Zoom account' });
    }
    const job = await deps.transactions.inOrg(orgId, (tx) =>
      enqueueJob(tx, {
        queue: zoomTranscriptQueue,
        orgId,
        payload: { meetingUuid: object.uuid },
        singletonKey: `zoom-transcript:${object.uuid}`,
      }),
    );
    return reply.code(200).send({ accepted: true, jobId: job.id });
  });
  done();
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The body parser's refusals (too large, wrong type) in words; nothing of the body is logged. */
function answerBadRequest(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 500;
  if (status < 500) return reply.code(status).send({ error: error.message });
  request.log.error({ err: { name: error.name, code: error.code } }, 'zoom webhook failed');
  return reply.code(500).send({ error: 'the event could not be taken in: try again' });
}
