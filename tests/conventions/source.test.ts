import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
/** The shared tables in `backend/db/schema.ts` and each feature's own `backend/<feature>/schema.ts`. */
const schemaFiles = readdirSync(path.join(root, 'backend'))
  .map((name) => path.join(root, 'backend', name, 'schema.ts'))
  .filter((file) => existsSync(file));
const schemas: Record<string, unknown>[] = await Promise.all(schemaFiles.map((file) => import(file)));
const tableNames = schemas.flatMap((schema) =>
  Object.entries(schema)
    .filter(([, value]) => is(value, PgTable))
    .map(([name]) => name),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|js)$/.test(name) ? [full] : [];
  });
}

describe('the backend source', () => {
  it('never updates or deletes a table without a where clause', () => {
    expect(tableNames).toContain('customers');
    expect(tableNames).toContain('healthSignals');
    const offenders: string[] = [];
    for (const file of sourceFiles(path.join(root, 'backend'))) {
      const text = readFileSync(file, 'utf8');
      const writes = new RegExp(`\\.(update|delete)\\((${tableNames.join('|')})\\)`, 'g');
      for (const match of text.matchAll(writes)) {
        const statement = text.slice(match.index, text.indexOf(';', match.index));
        if (!statement.includes('.where(')) {
          const line = text.slice(0, match.index).split('\n').length;
          offenders.push(`${path.relative(root, file)}:${line}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('the migrations', () => {
  beforeAll(() => mkdirSync(path.join(root, '.tmp'), { recursive: true }));

  it('match the drizzle schema: drizzle-kit generates nothing new', () => {
    // drizzle-kit wants an output folder relative to the project (it prefixes './').
    const out = path.relative(root, mkdtempSync(path.join(root, '.tmp', 'drift-')));
    try {
      cpSync(path.join(root, 'migrations'), path.join(root, out), { recursive: true });
      const run = spawnSync(
        path.join(root, 'node_modules', '.bin', 'drizzle-kit'),
        ['generate', '--dialect', 'postgresql', '--schema', './backend/*/schema.ts', '--out', out],
        { cwd: root, encoding: 'utf8' },
      );
      expect(run.status).toBe(0);
      expect(`${run.stdout}${run.stderr}`).toContain('No schema changes');
      expect(readdirSync(path.join(root, out)).filter((f) => f.endsWith('.sql'))).toEqual(
        readdirSync(path.join(root, 'migrations')).filter((f) => f.endsWith('.sql')),
      );
    } finally {
      rmSync(path.join(root, out), { recursive: true, force: true });
    }
  });
});
