import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  killServer,
  makeDataDir,
  removeDataDir,
  runCli,
  startServe,
  waitForHealth,
} from '../../process/support/cscx-process.ts';
import { signInFirstAdmin } from './first-admin.ts';
import { seedFixtureCustomers } from './fixture-customers.ts';
import { testInboxSdkAppId } from './inboxsdk-app-id.ts';
import { chromiumPath, extensionDir, repositoryRoot } from './paths.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    backendUrl: string;
    token: string;
    userEmail: string;
    userPassword: string;
  }
}

/**
 * Builds the Chrome extension and the settings web app, starts `cscx serve` on a temporary embedded
 * database with demo data and the customers the fixture pages are about, and hands the tests its address
 * and a signed-in token.
 * A missing Chromium is an error, never a skip: `.ci/run` installs Debian's.
 */
export async function setup(project: TestProject) {
  if (!existsSync(chromiumPath))
    throw new Error(`Chromium is missing at ${chromiumPath}: install Debian's (apt-get install -y chromium)`);
  execFileSync(process.execPath, [path.join(repositoryRoot, 'node_modules/wxt/bin/wxt.mjs'), 'build'], {
    cwd: repositoryRoot,
    stdio: 'pipe',
    // A well-formed (unregistered) InboxSDK app id, so the Gmail content script loads InboxSDK.
    env: { ...process.env, CSCX_INBOXSDK_APP_ID: testInboxSdkAppId },
  });
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`no build in ${extensionDir}`);
  // The settings app the backend serves at /app.
  execFileSync(
    process.execPath,
    [
      path.join(repositoryRoot, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'vite.web-app.config.ts',
    ],
    { cwd: repositoryRoot, stdio: 'pipe' },
  );

  const dataDir = makeDataDir();
  const server = await startServe(dataDir, { LOG_LEVEL: 'warn' });
  try {
    await waitForHealth(server);
    const seeded = await runCli(dataDir, ['seed-demo', '--customers', '40', '--activities', '400']);
    if (seeded.code !== 0) throw new Error(`seed-demo failed: ${seeded.stderr}`);
    const { email, password, token } = await signInFirstAdmin(server, dataDir);
    await seedFixtureCustomers(server, token);
    project.provide('backendUrl', server.url);
    project.provide('token', token);
    project.provide('userEmail', email);
    project.provide('userPassword', password);
  } catch (error) {
    await killServer(server);
    throw error;
  }
  return async () => {
    await killServer(server);
    removeDataDir(dataDir);
  };
}
