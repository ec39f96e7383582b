import type { FlaggedLink } from '../../shared/api/drafts.ts';

/**
 * Top-level domains a bare host ("cform.com") is told by, without a scheme or a path: the common
 * ones and the reserved test names. A list, so that "Node.js" or "e.g." is no host.
 */
const bareHostDomains =
  'com|net|org|io|co|ai|app|dev|xyz|info|biz|me|us|uk|de|fr|ru|cn|ly|gl|to|site|online|top|click|link|shop|store|live|' +
  'au|ca|nl|es|it|jp|br|eu|ch|se|pl|be|nz|za|mx|tv|cc|ws|pw|tk|cloud|email|tech|news|space|website|icu|vip|world|example|test';

/**
 * Scheme links, `mailto:` links, `www.` links, hosts followed by a path ("evil.example/x"), email
 * addresses, and bare hosts of a known top-level domain ("freegame.com").
 */
const linkPattern = new RegExp(
  [
    String.raw`\bhttps?:\/\/[^\s<>"]+`,
    String.raw`\bmailto:[^\s<>"]+`,
    String.raw`\bwww\.[^\s<>"]+`,
    String.raw`\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}\/[^\s<>"]*`,
    String.raw`\b[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+`,
    String.raw`\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:${bareHostDomains})\b(?!\.?[\w-])(?:[?#][^\s<>"]*)?`,
  ].join('|'),
  'gi',
);
const trailing = /[.,;:!?)\]}'"»”’]+$/;

export function linksIn(text: string): string[] {
  return [...text.matchAll(linkPattern)].map((m) => m[0].replace(trailing, ''));
}

/** The same link however it was written: scheme, `mailto:` and `www.` dropped, host lower-cased, no trailing slash. */
export function linkKey(url: string): string {
  const bare = url.replace(/^(?:https?:\/\/|mailto:)/i, '').replace(/^www\./i, '');
  const end = bare.search(/[/?#]/);
  const host = (end < 0 ? bare : bare.slice(0, end)).toLowerCase();
  const rest = end < 0 ? '' : bare.slice(end);
  return `${host}${rest}`.replace(/\/$/, '');
}

/** The host alone (an address's domain): the marker left in the text names it and carries nothing of the query. */
function hostOf(url: string): string {
  const key = linkKey(url);
  const host = key.split(/[/?#]/)[0] ?? key;
  return host.slice(host.lastIndexOf('@') + 1);
}

/**
 * Holds links back from a streamed draft until each is whole, and lets through only those that are
 * in the thread or CSCX's own data. Any other link is how an injected mail would leak data ("add
 * this link"): it is withheld from the text — replaced by a marker naming its host — and listed, so
 * the CSM sees it and can insert it only on purpose.
 */
export function createLinkGuard(allowed: Iterable<string>) {
  const known = new Set([...allowed].map(linkKey));
  const flagged: FlaggedLink[] = [];
  let pending = '';

  const vet = (text: string) =>
    text.replace(linkPattern, (match) => {
      const url = match.replace(trailing, '');
      const tail = match.slice(url.length);
      if (known.has(linkKey(url))) return match;
      if (!flagged.some((f) => f.url === url)) {
        flagged.push({ url, reason: 'not in the thread or in CSCX’s data for this customer' });
      }
      return `[link removed: ${hostOf(url)}]${tail}`;
    });

  return {
    /** The text safe to show so far; a word that may still grow into a link is held back. */
    push(chunk: string): string {
      pending += chunk;
      const cut = pending.search(/\S*$/);
      const tail = pending.slice(cut);
      if (!mayBeLink(tail)) {
        const out = vet(pending);
        pending = '';
        return out;
      }
      const out = vet(pending.slice(0, cut));
      pending = tail;
      return out;
    },
    flush(): string {
      const out = vet(pending);
      pending = '';
      return out;
    },
    flagged: () => flagged,
  };
}

/**
 * A last word that may still grow into a link: one with a link's punctuation, the start of a
 * scheme, or a plain word that the next chunk may continue with ".example/…" (a link split before
 * its first dot would otherwise reach the text unseen).
 */
function mayBeLink(word: string): boolean {
  if (word === '') return false;
  return /[.:/@]/.test(word) || /^[\w-]+$/.test(word);
}
