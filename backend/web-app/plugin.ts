import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** Where `npm run build` puts the settings app's web build (`vite.web-app.config.ts`). */
export const defaultWebAppDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../.output/web-app',
);

/**
 * Stricter than a page usually gets: the build has no inline script or style, and the app talks only to
 * this origin's `/trpc`. It replaces, on these routes only, the API's own `default-src 'none'`.
 */
export const webAppCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The settings page at `/app/` for admins without the extension. The build is looked for on every
 * request, so running `npm run build` while the server is up is enough.
 */
export const webAppPlugin: FastifyPluginAsync<{ dir: string }> = async (app, { dir }) => {
  const indexFile = path.join(dir, 'index.html');
  app.addHook('onRequest', async (_request, reply) => {
    if (!existsSync(indexFile))
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(`The settings app is not built: run \`npm run build\`, then reload.\n(looked in ${dir})\n`);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', webAppCsp);
    return payload;
  });
  await app.register(fastifyStatic, {
    root: dir,
    // Without the trailing slash, so that `/app` redirects to `/app/`.
    prefix: '/app',
    redirect: true,
    index: 'index.html',
    suppressWarning: true,
    wildcard: true,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      // Hashed file names never change; the page that names them must always be asked for again.
      reply.header(
        'cache-control',
        filePath.includes(`${path.sep}assets${path.sep}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
};
