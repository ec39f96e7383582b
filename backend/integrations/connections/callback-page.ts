import { createHash } from 'node:crypto';
import type { CallbackOutcome } from './callback.ts';
import { providerOf } from './registry.ts';

/** The window the settings page opened closes itself a moment after it says how it went. */
const closeScript = 'setTimeout(function () { window.close(); }, 1500);';
const style =
  'body{font:16px system-ui,sans-serif;margin:3rem auto;max-width:32rem;color:#1f2328}h1{font-size:1.25rem}p{line-height:1.5}';

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Only the page's own script and style run: the API's `default-src 'none'` otherwise stands. */
export const callbackPageCsp = `default-src 'none'; script-src ${hashOf(closeScript)}; style-src ${hashOf(style)}; frame-ancestors 'none'; base-uri 'none'`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function callbackPage(outcome: CallbackOutcome): string {
  const [title, body] = outcome.ok
    ? [
        `${providerOf(outcome.provider).label} is connected`,
        `CSCX can now act as ${outcome.account}, with your approval. This window closes by itself; the Connections section of settings shows the connection.`,
      ]
    : ['The connection was not made', outcome.reason];
  const script = outcome.ok ? `<script>${closeScript}</script>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · CSCX</title><style>${style}</style></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>${script}</body></html>`;
}
