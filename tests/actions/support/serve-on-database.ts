/**
 * `cscx serve` exactly as the CLI starts it, on the database given as `--database-url URL` (the
 * process helpers leave DATABASE_URL out of a child's environment). Started by
 * tests/actions/two-servers.db.test.ts as `node bin/run-ts.js THIS --database-url URL`.
 */
const urlAt = process.argv.indexOf('--database-url');
process.env.DATABASE_URL = process.argv[urlAt + 1];
process.argv = [process.argv[0] ?? 'node', 'cscx', 'serve'];
await import('../../../backend/cli.ts');
