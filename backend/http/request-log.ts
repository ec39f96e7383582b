import type { Writable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Logger, pino } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from '../config.ts';
import type { CscxApp } from './cscx-app.ts';

/** Health probes poll every few seconds: their lines are for debugging only. */
const probePaths = new Set(['/healthz', '/readyz']);

const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? '/';

/** The path, never the query string (tRPC GET inputs, tokens pasted into URLs), headers or bodies. */
const serializers = {
  req: (req: FastifyRequest) => ({ method: req.method, path: pathOf(req), id: req.id }),
};

/**
 * JSON lines for machines; on a terminal (or with CSCX_LOG_FORMAT=pretty) one readable line per
 * event. `stream` is where tests capture the lines (stdout otherwise).
 */
export function createLogger(config: Config, stream?: Writable): Logger {
  const options = { level: config.logLevel, serializers, redact: ['req.headers', 'headers.authorization'] };
  if (config.logFormat === 'pretty') {
    return pino(
      options,
      pretty({
        colorize: !stream,
        translateTime: 'HH:MM:ss',
        ignore: 'pid,hostname,req,res,ms',
        singleLine: true,
        ...(stream ? { destination: stream } : {}),
      }),
    );
  }
  return stream ? pino(options, stream) : pino(options);
}

/**
 * One line per request, written when it is answered ("GET /trpc/customers.context 200 4.1 ms"),
 * instead of Fastify's two, which also name the whole URL of a route that was not found.
 */
export function logRequests(app: CscxApp): void {
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = pathOf(request);
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    const level = probePaths.has(path) ? 'debug' : 'info';
    request.log[level](
      { req: request, res: { statusCode: reply.statusCode }, ms },
      `${request.method} ${path} ${reply.statusCode} ${ms} ms`,
    );
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not found' }));
}
