import type { Writable } from 'node:stream';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyRequest, LogController } from 'fastify';
import { maxCallsPerBatch } from '../shared/api/limits.ts';
import { hashToken } from './auth/secrets.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { transactionsOf } from './db/tenancy.ts';
import type { AppDeps, PublicDeps } from './deps.ts';
import type { CscxApp } from './http/cscx-app.ts';
import { createLogger, logRequests } from './http/request-log.ts';
import { trpcPlugin } from './http/trpc-plugin.ts';
import { oauthCallbackRoutes } from './integrations/connections/callback-route.ts';
import { zoomWebhookRoutes } from './meetings/zoom/webhook-route.ts';
import { createRateLimits } from './rate-limits/call-limiter.ts';
import { isKnownOverLimit, refuseEveryCall } from './rate-limits/early-refusal.ts';
import { createSecretBox } from './secrets/secret-box.ts';
import { ingestRoutes } from './signals/ingest-route.ts';
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
  app: CscxApp;
  /**
   * Called once the database is migrated: until then the API answers 503. Returns what requests
   * start from (no database handle in it, only the ways to open a transaction).
   */
  attach(
    ready: { database: Database; secretKey: Buffer } & Omit<AppDeps, 'log' | 'limits' | 'secrets'>,
  ): PublicDeps;
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

export async function createServer({ config, logStream, webAppDir }: ServerOptions): Promise<CscxServer> {
  // Our own pino instance, so services are typed with pino's logger rather than Fastify's.
  const log = createLogger(config, logStream);
  const app: CscxApp = Fastify({
    loggerInstance: log,
    // Our own one line per request instead (http/request-log.ts).
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 5000 },
    trustProxy: config.trustProxy,
    bodyLimit: 5 * 1024 * 1024,
    // A client must send its headers within 10 s and its whole request within 30 s (checked every 2 s),
    // so slow senders cannot hold sockets; an idle kept-alive socket goes after 10 s. No idle timeout
    // on a reply: a streamed draft may be silent for a while (tests/http/timeouts.test.ts).
    http: { headersTimeout: 10_000, connectionsCheckingInterval: 2_000 },
    requestTimeout: 30_000,
    keepAliveTimeout: 10_000,
    connectionTimeout: 0,
  });
  logRequests(app);
  const limits = createRateLimits({
    callsPerMinute: config.rateLimitPerMinute,
    signInsPerMinute: config.signInRateLimitPerMinute,
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
  // HTTP requests per address, before anything is parsed: a coarse guard. Calls are counted per user
  // in the tRPC bases (procedures.ts), where the token has been resolved.
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute * 5,
    timeWindow: '1 minute',
    keyGenerator: (request) => request.ip,
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
    // A user who has used their minute is answered before tRPC reads the request (early-refusal.ts).
    api.addHook('onRequest', async (request, reply) => {
      const token = bearerToken(request);
      if (!deps || !token) return;
      if (isKnownOverLimit(deps.limits, hashToken(token), deps.clock.now().getTime()))
        return refuseEveryCall(request, reply);
    });
    const contextOf = (req: FastifyRequest): RequestContext => {
      if (!deps) throw new Error('not ready');
      return { deps, bearerToken: bearerToken(req), ip: req.ip };
    };
    await api.register(oauthCallbackRoutes, { depsOf: () => deps });
    await api.register(trpcPlugin<AppRouter>, {
      trpcOptions: {
        router: appRouter,
        allowMethodOverride: true,
        maxBatchSize: maxCallsPerBatch,
        createContext: ({ req }) => contextOf(req),
      } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
      contextOf,
    });
  });

  // Outside systems post health signals with an org's ingest token (signals/ingest-route.ts).
  await app.register(ingestRoutes, { depsOf: () => deps });
  // Zoom's event notifications, signed with the Zoom app's webhook secret (meetings/zoom/webhook-route.ts).
  await app.register(zoomWebhookRoutes, { depsOf: () => deps });
  await app.register(webAppPlugin, { dir: webAppDir ?? defaultWebAppDir });

  return {
    app,
    attach({ database: ready, clock, config: readyConfig, secretKey }) {
      database = ready;
      const attached: PublicDeps = {
        clock,
        config: readyConfig,
        log,
        limits,
        secrets: createSecretBox(secretKey),
        transactions: transactionsOf(ready),
      };
      deps = attached;
      return attached;
    },
  };
}
