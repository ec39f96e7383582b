import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  killAllServers,
  makeDataDir,
  removeDataDir,
  startServe,
  waitForHealth,
} from './support/cscx-process.ts';

/**
 * The one test where `serve` builds the extension (the others set CSCX_EXTENSION_BUILD=off). It runs in a
 * network namespace of its own with no interface up, so a build that reached for the network would fail.
 */
describe('cscx serve with the extension build on', { timeout: 120_000 }, () => {
  const dataDir = makeDataDir();
  const brokenDataDir = makeDataDir();
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'cscx-extension-'));
  afterAll(async () => {
    await killAllServers();
    removeDataDir(dataDir);
    removeDataDir(brokenDataDir);
    rmSync(outDir, { recursive: true, force: true });
  });

  it('builds the Chrome extension after it is serving, without the network, and prints its folder and how to load it', async () => {
    // No interface is up in the new namespace, not even loopback: listen on the wildcard address.
    const server = await startServe(
      dataDir,
      { CSCX_EXTENSION_BUILD: 'on', CSCX_EXTENSION_OUT_DIR: outDir, HOST: '0.0.0.0' },
      ['unshare', '--map-root-user', '--net'],
    );
    const folder = path.join(outDir, 'chrome-mv3');
    await expect
      .poll(() => server.stdout() + server.stderr(), { timeout: 90_000, interval: 250 })
      .toMatch(/Chrome extension: .*\n.*Load unpacked|BUILD FAILED|not built/);
    const printed = server.stdout();
    expect(printed, server.stderr()).toContain(`Chrome extension: ${folder}`);
    expect(printed).toContain('chrome://extensions');
    expect(printed.indexOf('CSCX is serving')).toBeLessThan(printed.indexOf('building the Chrome extension'));
    const manifest = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ manifest_version: 3, name: 'CSCX' });
    expect(existsSync(path.join(folder, 'content-scripts', 'calendar.js'))).toBe(true);
  });

  it('keeps serving and says so clearly when the build fails', async () => {
    // A regular file where the output folder should be: WXT cannot create anything under it.
    const notAFolder = path.join(outDir, 'not-a-folder');
    writeFileSync(notAFolder, '');
    const server = await startServe(brokenDataDir, {
      CSCX_EXTENSION_BUILD: 'on',
      CSCX_EXTENSION_OUT_DIR: notAFolder,
    });
    await waitForHealth(server);
    await expect.poll(() => server.stdout(), { timeout: 90_000, interval: 250 }).toContain('BUILD FAILED');
    expect(server.stdout()).toContain('the server keeps serving');
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', db: 'pglite' });
  });
});
