import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type FrameLocator, type Page } from 'playwright-core';
import type { Browser } from 'wxt/browser';
import { chromiumPath, extensionDir, screenshotsDir } from './paths.ts';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with only the built CSCX extension loaded, in a throwaway profile. */
export async function launchWithExtension(extension = extensionDir): Promise<ExtensionBrowser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'cscx-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Stores a signed-in session where the sidebar reads it, as signing in would. */
export async function signIn(
  browser: ExtensionBrowser,
  session: { backendUrl: string; token: string | null; email: string | null },
) {
  const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
  // The callback runs in the service worker, where `chrome` is the extension API.
  await worker.evaluate(
    (value) =>
      (globalThis as unknown as { chrome: typeof Browser }).chrome.storage.local.set({
        'cscx.session': value,
      }),
    session,
  );
}

/** What the sidebar stored, read from the extension's own storage. */
export async function storedSession(
  browser: ExtensionBrowser,
): Promise<{ token?: string | null } | undefined> {
  const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: typeof Browser };
    const stored = await chrome.storage.local.get('cscx.session');
    return stored['cscx.session'] as { token?: string | null } | undefined;
  });
}

export function sidebarOf(page: Page): FrameLocator {
  return page.frameLocator('cscx-sidebar iframe');
}

export async function saveSidebarScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  await page.locator('cscx-sidebar').screenshot({ path: file });
  return file;
}
