import { createHash } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { type Logger, pino } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { transactionsOf } from './db/tenancy.ts';
import type { AppDeps, PublicDeps } from './deps.ts';
import { type AppRouter, appRouter } from './trpc/app-router.ts';
import type { RequestContext } from './trpc/context.ts';
import { defaultWebAppDir, webAppPlugin } from './web-app/plugin.ts';

export interface ServerOptions {
  config: Config;
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: Writable;
  /** The settings app's web build, served at `/app/`; `.output/web-app` by default. */
  webAppDir?: string;
}

export interface CscxServer {
  app: FastifyInstance<Server, IncomingMessage, ServerResponse, Logger>;
  /**
   * Called once the database is migrated: until then the API answers 503. Returns what requests
   * start from (no database handle in it, only the ways to open a transaction).
   */
  attach(ready: { database: Database } & Omit<AppDeps, 'log'>): PublicDeps;
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** Logs the path, never the query string (tRPC GET inputs), headers or bodies. */
const logSerializers = {
  req: (req: FastifyRequest) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
};

export async function createServer({ config, logStream, webAppDir }: ServerOptions): Promise<CscxServer> {
  const options = {
    level: config.logLevel,
    serializers: logSerializers,
    redact: ['req.headers', 'headers.authorization'],
  };
  // Our own pino instance, so services are typed with pino's logger rather than Fastify's.
  const log = logStream ? pino(options, logStream) : pino(options);
  const app = Fastify({
    loggerInstance: log,
    routerOptions: { maxParamLength: 5000 },
    trustProxy: config.trustProxy,
    bodyLimit: 5 * 1024 * 1024,
  });
  let deps: PublicDeps | undefined;
  let database: Database | undefined;

  // Fastify times each request from its arrival; the header reports it up to the reply being sent.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Server-Timing', `app;dur=${reply.elapsedTime}`);
  });

  await app.register(helmet, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });
  await app.register(cors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: false,
  });
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    // Per token, so one busy user does not throttle a shared office IP.
    keyGenerator: (request) => {
      const token = bearerToken(request);
      return token ? `t:${createHash('sha256').update(token).digest('hex')}` : `ip:${request.ip}`;
    },
  });

  app.get('/healthz', async (_request, reply) => {
    if (!database) return reply.code(503).send({ status: 'starting' });
    try {
      await database.sql`select 1`;
    } catch {
      return reply.code(503).send({ status: 'database unreachable', db: database.kind });
    }
    return { status: 'ok', db: database.kind };
  });
  app.get('/readyz', async (_request, reply) => {
    if (!deps) return reply.code(503).send({ ready: false });
    return { ready: true };
  });

  await app.register(async (api) => {
    api.addHook('onRequest', async (_request, reply) => {
      if (!deps)
        return reply
          .code(503)
          .header('retry-after', '2')
          .send({ error: 'starting: the database is being migrated' });
    });
    await api.register(fastifyTRPCPlugin, {
      prefix: '/trpc',
      trpcOptions: {
        router: appRouter,
        allowMethodOverride: true,
        createContext: ({ req }): RequestContext => {
          if (!deps) throw new Error('not ready');
          return { deps, bearerToken: bearerToken(req), ip: req.ip };
        },
      } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
    });
  });

  await app.register(webAppPlugin, { dir: webAppDir ?? defaultWebAppDir });

  return {
    app,
    attach({ database: ready, clock, config: readyConfig }) {
      database = ready;
      deps = { clock, config: readyConfig, log, transactions: transactionsOf(ready) };
      return deps;
    },
  };
}
