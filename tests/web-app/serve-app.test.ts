import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../backend/config.ts';
import { type CscxServer, createServer } from '../../backend/server.ts';

/** A web build shaped like Vite's output: the page names its hashed script and stylesheet. */
function aWebBuild(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cscx-web-app-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/app/assets/index-abc123.js"></script>' +
      '<link rel="stylesheet" href="/app/assets/index-abc123.css"></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log("settings");\n');
  writeFileSync(path.join(dir, 'assets', 'index-abc123.css'), 'body { margin: 0; }\n');
  return dir;
}

const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent' });
let built: string;
let server: CscxServer;
let unbuilt: CscxServer;

beforeAll(async () => {
  built = aWebBuild();
  server = await createServer({ config, webAppDir: built });
  unbuilt = await createServer({ config, webAppDir: path.join(built, 'not-built') });
});
afterAll(async () => {
  await server?.app.close();
  await unbuilt?.app.close();
  rmSync(built, { recursive: true, force: true });
});

function cspOf(response: { headers: Record<string, unknown> }): Record<string, string> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return Object.fromEntries(
    header.split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('the settings app at /app', () => {
  it('serves its page under a strict Content-Security-Policy', async () => {
    const page = await server.app.inject({ method: 'GET', url: '/app/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<div id="root">');
    expect(cspOf(page)).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'connect-src': "'self'",
      'frame-ancestors': "'none'",
    });
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('serves the script and stylesheet the page names', async () => {
    const script = await server.app.inject({ method: 'GET', url: '/app/assets/index-abc123.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.body).toContain('settings');
    expect(script.headers['cache-control']).toContain('immutable');
    const style = await server.app.inject({ method: 'GET', url: '/app/assets/index-abc123.css' });
    expect(style.statusCode).toBe(200);
    expect(style.headers['content-type']).toMatch(/^text\/css/);
  });

  it('redirects /app to /app/ so relative links resolve', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/app' });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/app/');
  });

  it('answers 404 for a file the build does not have, and never serves outside it', async () => {
    expect((await server.app.inject({ method: 'GET', url: '/app/assets/missing.js' })).statusCode).toBe(404);
    const outside = await server.app.inject({ method: 'GET', url: '/app/..%2f..%2fpackage.json' });
    expect(outside.statusCode).toBeGreaterThanOrEqual(400);
    expect(outside.body).not.toContain('"name"');
  });

  it('says to run the build when there is none', async () => {
    const response = await unbuilt.app.inject({ method: 'GET', url: '/app/' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build');
  });

  it("leaves the API's own policy as it was", async () => {
    const response = await server.app.inject({ method: 'GET', url: '/healthz' });
    expect(cspOf(response)['default-src']).toBe("'none'");
  });
});
