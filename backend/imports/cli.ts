import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { systemClock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { DomainError } from '../domain-error.ts';
import { findOrgForCli } from '../org/lookup.ts';
import { importEntities } from './importer.ts';
import { progressBar } from './progress-bar.ts';
import { importCsv } from './service.ts';

export interface ImportArgs {
  entity: string | undefined;
  file: string | undefined;
  org: string | undefined;
  skipInvalid: boolean;
}

/** `cscx import customers|contacts|activities|signals FILE.csv`: bad lines go to stderr, the summary to stdout. */
export async function importFromCli(database: Database, args: ImportArgs): Promise<void> {
  const entity = importEntities.find((e) => e === args.entity);
  if (!entity || !args.file)
    throw new DomainError(
      'BAD_REQUEST',
      `usage: import ${importEntities.join('|')} FILE.csv [--org NAME] [--skip-invalid]`,
    );
  const file = args.file;
  await access(file).catch(() => {
    throw new DomainError('NOT_FOUND', `cannot read ${file}`);
  });
  const org = await findOrgForCli(database.db, args.org);
  const bar = progressBar(process.stderr, `importing ${entity}`);
  const report = await importCsv(
    { db: database.db, clock: systemClock },
    {
      orgId: org.id,
      entity,
      csv: createReadStream(file),
      skipInvalid: args.skipInvalid,
      onProgress: (done, total) => bar.update(done, total),
    },
  );
  if (report.imported) bar.finish();
  for (const { line, reason } of report.invalid) process.stderr.write(`${file}:${line}: ${reason}\n`);
  const bad = report.invalid.length;
  if (!report.imported)
    throw new DomainError(
      'BAD_REQUEST',
      `${bad} bad line${bad === 1 ? '' : 's'} in ${file}: nothing imported (fix them, or pass --skip-invalid to import the other lines)`,
    );
  console.log(
    `${entity} from ${file} into "${org.name}": ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged` +
      (bad > 0 ? `; ${bad} bad line${bad === 1 ? '' : 's'} skipped` : ''),
  );
}
