import type { FlaggedLink } from '../../shared/api/drafts.ts';

/** Scheme links, `www.` links, and bare hosts followed by a path ("evil.example/x"). */
const linkPattern =
  /\bhttps?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}\/[^\s<>"]*/gi;
const trailing = /[.,;:!?)\]}'"»”’]+$/;

export function linksIn(text: string): string[] {
  return [...text.matchAll(linkPattern)].map((m) => m[0].replace(trailing, ''));
}

/** The same link however it was written: scheme and `www.` dropped, host lower-cased, no trailing slash. */
export function linkKey(url: string): string {
  const bare = url.replace(/^https?:\/\//i, '').replace(/^www\./i, '');
  const slash = bare.indexOf('/');
  const host = (slash < 0 ? bare : bare.slice(0, slash)).toLowerCase();
  const rest = slash < 0 ? '' : bare.slice(slash);
  return `${host}${rest}`.replace(/\/$/, '');
}

function hostOf(url: string): string {
  return linkKey(url).split('/')[0] ?? url;
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

function mayBeLink(word: string): boolean {
  if (word === '') return false;
  const lower = word.toLowerCase();
  return /[.:/]/.test(word) || 'https'.startsWith(lower) || 'www'.startsWith(lower);
}
