import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleRow {
  /** What loads it: a content script, the background, an extension page (with the chunks it loads). */
  name: string;
  files: string[];
  bytes: number;
  gzipBytes: number;
}

function filesUnder(dir: string, relative = ''): string[] {
  return readdirSync(path.join(dir, relative)).flatMap((entry) => {
    const file = path.join(relative, entry);
    return statSync(path.join(dir, file)).isDirectory() ? filesUnder(dir, file) : [file];
  });
}

/** Files a page or chunk pulls in: `src`/`href` in HTML, static imports between chunks. */
function referencesOf(dir: string, file: string): string[] {
  const text = readFileSync(path.join(dir, file), 'utf8');
  const pattern = file.endsWith('.html')
    ? /(?:src|href)="([^"]+\.(?:js|css))"/g
    : /(?:from|import)\s*["']([^"']+\.(?:js|css))["']/g;
  return [...text.matchAll(pattern)].map((m) => {
    const target = m[1] ?? '';
    return target.startsWith('/') ? target.slice(1) : path.join(path.dirname(file), target);
  });
}

function withDependencies(dir: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(path.join(dir, file))) return;
    seen.add(file);
    if (/\.(html|js)$/.test(file)) for (const next of referencesOf(dir, file)) visit(next);
  };
  visit(entry);
  return [...seen];
}

function row(dir: string, name: string, files: string[]): BundleRow {
  const contents = files.map((f) => readFileSync(path.join(dir, f)));
  return {
    name,
    files,
    bytes: contents.reduce((sum, c) => sum + c.length, 0),
    gzipBytes: contents.reduce((sum, c) => sum + gzipSync(c).length, 0),
  };
}

/** Sizes of a built extension, one row per thing the browser loads; shared chunks count in each page. */
export function measureBundles(dir: string): BundleRow[] {
  const all = filesUnder(dir).filter((f) => /\.(js|css|html)$/.test(f));
  const rows: BundleRow[] = [];
  for (const file of all.filter((f) => f.startsWith('content-scripts/')).sort())
    rows.push(row(dir, `content script: ${path.basename(file)}`, [file]));
  if (all.includes('background.js'))
    rows.push(row(dir, 'background', withDependencies(dir, 'background.js')));
  for (const page of all.filter((f) => f.endsWith('.html')).sort())
    rows.push(row(dir, `page: ${page}`, withDependencies(dir, page)));
  const covered = new Set(rows.flatMap((r) => r.files));
  for (const file of all.filter((f) => !covered.has(f)).sort()) rows.push(row(dir, `other: ${file}`, [file]));
  return rows;
}

const kB = (bytes: number) => (bytes / 1000).toFixed(1);

export function bundleTable(rows: BundleRow[]): string {
  return [
    '| bundle | files | size (kB) | gzip (kB) |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.name} | ${r.files.length} | ${kB(r.bytes)} | ${kB(r.gzipBytes)} |`),
  ].join('\n');
}
