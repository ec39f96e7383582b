import { ensureFirstAdmin } from './admin/first-run.ts';
import { systemClock } from './clock.ts';
import { type Config, packageRoot } from './config.ts';
import { openDatabase } from './db/client.ts';
import { embeddedPaths, lockDataDir } from './db/embedded.ts';
import { migrateDatabase } from './db/migrate.ts';
import { DomainError } from './domain-error.ts';
import { buildChromeExtension } from './extension-build/build-chrome.ts';
import { createServer } from './server.ts';

/**
 * `npm start`: listen first (health answers "starting"), then open, migrate and serve; then build the
 * Chrome extension in a child process, so neither /healthz nor requests wait for it.
 */
export async function serve(config: Config): Promise<void> {
  if (!config.databaseUrl) {
    const lock = lockDataDir(embeddedPaths(config.dataDir));
    // Kept until the database closes: openDatabase takes our own lock over, leaving no gap.
    if (lock.kind === 'held') {
      throw new DomainError('CONFLICT', `another cscx process (pid ${lock.pid}) is using ${config.dataDir}`);
    }
  }
  const server = await createServer({ config });
  const address = await server.app.listen({ host: config.host, port: config.port });
  const log = server.app.log;
  log.info(`listening on ${address}; opening the ${config.databaseUrl ? 'Postgres' : 'embedded'} database`);

  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database);
  const firstAdmin = await ensureFirstAdmin(database.db, config.dataDir, systemClock.now());
  server.attach({ database, clock: systemClock, config });

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
    await server.app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
