import { domain } from '../../../shared/api/common.ts';

export interface DomainsRead {
  /** Normalised by the API's own rule (trimmed, lower-case, no leading `@`), each once. */
  domains: string[];
  /** What the admin typed, as typed, for each entry that is not a domain name. */
  invalid: string[];
}

/**
 * "acme.example, Acme.io\nacme.co.uk": entries separated by commas, semicolons, spaces or new lines.
 * Each entry is checked here with the API's schema, so a bad one is named before anything is sent.
 */
export function readDomains(text: string): DomainsRead {
  const domains = new Set<string>();
  const invalid: string[] = [];
  for (const entry of text.split(/[\s,;]+/).filter(Boolean)) {
    const parsed = domain.safeParse(entry);
    if (parsed.success) domains.add(parsed.data);
    else invalid.push(entry);
  }
  return { domains: [...domains], invalid };
}

/** "'acme..com' is not a domain name", or "'a', 'b' and 'c' are not domain names". */
export function describeInvalidDomains(invalid: readonly string[]): string {
  const quoted = invalid.map((entry) => `'${entry}'`);
  const list = new Intl.ListFormat('en', { type: 'conjunction' }).format(quoted);
  return quoted.length === 1 ? `${list} is not a domain name` : `${list} are not domain names`;
}
