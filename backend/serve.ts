import { ensureFirstAdmin } from './admin/first-run.ts';
import { loadLocalNlp } from './ai/providers/local/nlp.ts';
import { lexicons } from './ai/redaction/lexicons.ts';
import { systemClock } from './clock.ts';
import { type Config, packageRoot } from './config.ts';
import { commandWaitMs, openDatabase } from './db/client.ts';
import { type AcquiredLock, lockDataDir } from './db/data-dir-lock.ts';
import { embeddedPaths } from './db/embedded.ts';
import { applyMigrations, whileSettingUp } from './db/migrate.ts';
import { removeServerFile, writeServerFile } from './db/server-file.ts';
import { DomainError } from './domain-error.ts';
import { buildChromeExtension } from './extension-build/build-chrome.ts';
import { jobRegistry } from './jobs/registry.ts';
import { jobWorkerFor } from './jobs/start.ts';
import { loadSecretKey } from './secrets/secret-key.ts';
import { createServer } from './server.ts';

/**
 * `npm start`: listen first (health answers "starting"), then open, migrate and serve; then build the
 * Chrome extension in a child process, so neither /healthz nor requests wait for it.
 */
export async function serve(config: Config): Promise<void> {
  const paths = embeddedPaths(config.dataDir);
  // Kept until the database closes: openDatabase is handed this lock.
  const lock = config.databaseUrl ? undefined : await lockFolder(config);
  const secretKey = loadSecretKey(config);
  const server = await createServer({ config });
  const address = await server.app.listen({ host: config.host, port: config.port });
  const log = server.app.log;
  log.info(`listening on ${address}; opening the ${config.databaseUrl ? 'Postgres' : 'embedded'} database`);
  if (lock) {
    writeServerFile(paths, config.publicUrl);
    process.once('exit', () => removeServerFile(paths));
  }

  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, lock });
  // Two instances starting on an empty Postgres would both find no user and make the first admin.
  const firstAdmin = await whileSettingUp(database, async (sql) => {
    await applyMigrations(sql);
    return ensureFirstAdmin(database.db, config.dataDir, systemClock.now());
  });
  const deps = server.attach({ database, clock: systemClock, config, secretKey });
  const jobs = jobWorkerFor(database, deps, jobRegistry);
  jobs.start();
  // The local models and the redactor's word lists take up to a second to load: now, rather than in the first request.
  // A second after start, so the first health checks and requests are answered before the CPU goes to it.
  setTimeout(() => {
    loadLocalNlp().catch((error: unknown) =>
      log.error({ err: error }, 'loading the local language models failed'),
    );
    lexicons();
  }, 1_000).unref();

  const lines = [
    '',
    `CSCX is serving at ${address} (database: ${database.kind === 'pglite' ? `embedded, in ${config.dataDir}` : 'Postgres'})`,
    `  health:       ${address}/healthz`,
    `  settings:     ${address}/app/   (members, tokens, org domains; the extension's options page is the same)`,
  ];
  if (firstAdmin) {
    lines.push(
      `  first admin:  ${firstAdmin.email}`,
      `  password in:  ${firstAdmin.credentialsPath} (one-time: you will be asked to change it)`,
    );
  }
  lines.push('  demo data:    npx cscx seed-demo   (in another terminal, while this runs)', '');
  process.stdout.write(`${lines.join('\n')}\n`);

  const stopBuild = new AbortController();
  if (config.extensionBuild.enabled) {
    void buildChromeExtension({
      root: packageRoot,
      outDir: config.extensionBuild.outDir,
      write: (line) => process.stdout.write(`${line}\n`),
      signal: stopBuild.signal,
    });
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info(`${signal}: closing`);
    stopBuild.abort();
    // Running jobs are told to stop and given a few seconds; what is left runs again after its lease.
    await Promise.all([server.app.close(), jobs.stop(jobStopWaitMs)]);
    if (lock) removeServerFile(paths);
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

const jobStopWaitMs = 5_000;

/** A command (`cscx users add`…) holds the folder for seconds: wait for it; a server is refused. */
async function lockFolder(config: Config): Promise<AcquiredLock> {
  const lock = await lockDataDir(embeddedPaths(config.dataDir), {
    holder: 'server',
    waitForCommandMs: commandWaitMs,
    onWait: (owner) =>
      process.stdout.write(
        `waiting up to ${commandWaitMs / 1000} s for the cscx command (pid ${owner.pid}) using ${config.dataDir} to finish…\n`,
      ),
  });
  if (lock.kind === 'acquired') return lock;
  const { pid, holder } = lock.owner;
  throw new DomainError(
    'CONFLICT',
    holder === 'server'
      ? `another cscx process (pid ${pid}) is using ${config.dataDir}`
      : `the cscx command (pid ${pid}) is still using ${config.dataDir} after ${commandWaitMs / 1000} s: start again when it has finished`,
  );
}
