import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');

export function fixtureHtml(host: string, name: string): string {
  return readFileSync(path.join(fixtures, host, name), 'utf8');
}

/** The fixture parsed as the browser would, outside the test's own document. */
export function fixtureDocument(host: string, name: string): Document {
  return new DOMParser().parseFromString(fixtureHtml(host, name), 'text/html');
}
