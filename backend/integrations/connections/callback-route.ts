import type { FastifyInstance } from 'fastify';
import type { PublicDeps } from '../../deps.ts';
import { completeConnection } from './callback.ts';
import { callbackPage, callbackPageCsp } from './callback-page.ts';

export interface OauthCallbackOptions {
  /** Undefined until the database is migrated (the API answers 503 meanwhile). */
  depsOf(): PublicDeps | undefined;
}

/**
 * `GET /oauth/callback/:provider`: where a provider's consent screen sends the browser back. The
 * answer is a page for a person (it worked, or why not), never JSON, and is not cached: the query
 * holds a one-time code.
 */
export async function oauthCallbackRoutes(
  app: FastifyInstance,
  { depsOf }: OauthCallbackOptions,
): Promise<void> {
  app.get<{ Params: { provider: string } }>('/oauth/callback/:provider', async (request, reply) => {
    const deps = depsOf();
    if (!deps) return reply.code(503).send({ error: 'starting' });
    const outcome = await completeConnection(deps, request.params.provider, request.query);
    return reply
      .code(outcome.ok ? 200 : outcome.status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('content-security-policy', callbackPageCsp)
      .send(callbackPage(outcome));
  });
}
