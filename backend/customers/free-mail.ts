import { createRequire } from 'node:module';

// `email-providers` is a maintained list of free and consumer mail domains (gmail.com, outlook.com,
// gmx.de, …). A match there says nothing about which company a person works for.
const require = createRequire(import.meta.url);
const freeMailDomains: ReadonlySet<string> = new Set(require('email-providers/all.json') as string[]);

export function isFreeMailDomain(domain: string): boolean {
  return freeMailDomains.has(domain);
}
