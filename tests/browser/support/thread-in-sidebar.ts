import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import type { Browser } from 'wxt/browser';
import { portName } from '../../../extension/lib/sidebar-channel.ts';
import type { GmailThreadContext } from '../../../shared/host-context.ts';
import { fixtureHtml } from '../../extension/support/fixture-page.ts';
import type { ExtensionBrowser } from './chromium-with-extension.ts';
import { screenshotsDir } from './paths.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The reconstructed Gmail thread read in Chromium by the adapter's own code (read-context.ts), over
 * views that answer as InboxSDK's do (gmail-fixture-thread.ts): InboxSDK itself does not recognise
 * the reconstruction, so the real content script cannot open its panel on it.
 */
export async function fixtureThreadContext(browser: ExtensionBrowser): Promise<GmailThreadContext> {
  const bundled = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: {
        entry: path.join(here, 'gmail-fixture-thread.ts'),
        formats: ['iife'],
        name: 'cscxGmailFixture',
      },
    },
  });
  const output = Array.isArray(bundled) ? bundled[0] : bundled;
  const code = output && 'output' in output ? output.output[0].code : '';
  const page = await browser.context.newPage();
  await page.setContent(fixtureHtml('gmail', 'thread-acme.html'));
  await page.addScriptTag({ content: code });
  const context = await page.evaluate(() =>
    (
      window as unknown as { cscxGmailFixture: { readFixtureThread(): Promise<GmailThreadContext> } }
    ).cscxGmailFixture.readFixtureThread(),
  );
  await page.close();
  return context;
}

/**
 * The sidebar page as Gmail's panel frames it (with the host, without a dock), fed the thread over
 * the extension's own port pairing, as the Gmail content script feeds it: the background pairs the two
 * ports of this tab by their nonce. What the sidebar sends back is kept in `window.cscxFromSidebar`;
 * `window.cscxContentPort` is the content script's end, to send more on.
 */
export async function openThreadInSidebar(
  browser: ExtensionBrowser,
  context: GmailThreadContext,
): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 340, height: 1100 });
  const nonce = randomBytes(16).toString('hex');
  await page.goto(`chrome-extension://${browser.extensionId}/sidebar.html?port=${nonce}&host=gmail`);
  await page.evaluate(
    ({ name, context }) => {
      const { chrome } = globalThis as unknown as { chrome: typeof Browser };
      const port = chrome.runtime.connect({ name });
      const send = () => port.postMessage({ type: 'context', context });
      const received: unknown[] = [];
      // The sidebar says "ready" when it connects; it may connect after this port did. A text to
      // insert is taken as a Gmail compose would take it.
      port.onMessage.addListener((message: unknown) => {
        received.push(message);
        const { type, id } = message as { type?: string; id?: string };
        if (type === 'ready') send();
        if (type === 'insert') port.postMessage({ type: 'insert-result', id, outcome: 'inserted' });
      });
      send();
      Object.assign(window, { cscxContentPort: port, cscxFromSidebar: received });
    },
    { name: portName('content', nonce), context },
  );
  return page;
}

/** The page in the light and the dark scheme, full height, into test-results/browser. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(screenshotsDir, `${name}-${colorScheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
