import {
  killServer,
  makeDataDir,
  removeDataDir,
  type ServerProcess,
  startServe,
  waitForHealth,
} from '../../process/support/cscx-process.ts';
import { signInFirstAdmin } from './first-admin.ts';
import { seedFixtureCustomers } from './fixture-customers.ts';

export interface FileBackend {
  server: ServerProcess;
  token: string;
  email: string;
  stop(): Promise<void>;
}

/**
 * A `cscx serve` of one test file's own, for settings the shared one must not have (an environment
 * pointing the model SDKs at fakes): a fresh embedded database with the fixture pages' customers and
 * a signed-in admin, no demo book.
 */
export async function startBackendForFile(env: Record<string, string>): Promise<FileBackend> {
  const dataDir = makeDataDir();
  const server = await startServe(dataDir, { LOG_LEVEL: 'warn', ...env });
  const stop = async () => {
    await killServer(server);
    removeDataDir(dataDir);
  };
  try {
    await waitForHealth(server);
    const { email, token } = await signInFirstAdmin(server, dataDir);
    await seedFixtureCustomers(server, token);
    return { server, token, email, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
