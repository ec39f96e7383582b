import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Frame, type HTTPRequest, type Page } from 'puppeteer-core';
import { fixturePages } from './fixture-routes.ts';
import { fixturesDir, screenshotsDir } from './paths.ts';

/** Debian's Firefox ESR (`apt-get install -y firefox-esr`; `.ci/run` installs it). */
export const firefoxPath = '/usr/bin/firefox-esr';
/** The add-on id from wxt.config.ts (`browser_specific_settings.gecko.id`). */
export const firefoxAddonId = 'cscx@cscx.localhost';
/** Fixed through a preference so the moz-extension:// origin is known before the add-on loads. */
const addonUuid = '6f0e9d4a-1c2b-4a5e-9d1f-3b8a7c6e5d40';
export const firefoxSidebarOrigin = `moz-extension://${addonUuid}`;

export interface FirefoxWithAddon {
  browser: Browser;
  version: string;
  close(): Promise<void>;
}

/**
 * Firefox ESR, headless, driven over WebDriver BiDi (puppeteer-core 24), with the Firefox build
 * installed as a temporary add-on (`webExtension.install`), in a throwaway profile puppeteer creates.
 */
export async function launchFirefoxWithAddon(addonDir: string): Promise<FirefoxWithAddon> {
  if (!existsSync(firefoxPath))
    throw new Error(
      `Firefox ESR is missing at ${firefoxPath}: install Debian's (apt-get install -y firefox-esr)`,
    );
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [firefoxAddonId]: addonUuid }) },
  });
  try {
    const installed = await browser.installExtension(addonDir);
    if (installed !== firefoxAddonId) throw new Error(`installed ${installed}, expected ${firefoxAddonId}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return { browser, version: await browser.version(), close: () => browser.close() };
}

/** Serves the Calendar and Zoom fixtures at their real addresses through BiDi network interception. */
export async function routeFixturePagesInFirefox(page: Page): Promise<void> {
  const byUrl = new Map<string, string>(Object.values(fixturePages).map((p) => [p.url, p.file]));
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const url = new URL(request.url());
    const routed =
      url.host === 'calendar.google.com' || url.host === 'zoom.us' || url.host.endsWith('.zoom.us');
    if (!routed) return void request.continue();
    const file = byUrl.get(`${url.origin}${url.pathname}`);
    if (!file) return void request.respond({ status: 404, body: 'not a fixture' });
    return void request.respond({
      status: 200,
      contentType: 'text/html',
      body: readFileSync(path.join(fixturesDir, file), 'utf8'),
    });
  });
}

/**
 * The sidebar's frame inside a host page. Firefox's BiDi reports the iframe's URL as about:blank (it
 * does not announce navigations to moz-extension:// pages), so the frame is found by asking each one.
 */
export async function firefoxSidebarFrame(page: Page, timeoutMs = 20_000): Promise<Frame> {
  await page.waitForSelector('cscx-sidebar iframe', { timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const href = await frame.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(`${firefoxSidebarOrigin}/sidebar.html`)) return frame;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no sidebar frame from ${firefoxSidebarOrigin} in ${page.url()}`);
}

/**
 * Stores a signed-in session from inside the sidebar frame, where `browser.storage` is the add-on's own
 * (WebDriver BiDi refuses to navigate a tab to a moz-extension:// page, so there is no other way in).
 */
export async function signInFirefoxSidebar(
  frame: Frame,
  session: { backendUrl: string; token: string; email: string },
): Promise<void> {
  await frame.evaluate(async (value) => {
    const { browser } = globalThis as unknown as {
      browser: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };
    };
    await browser.storage.local.set({ 'cscx.session': value });
  }, session);
}

export async function saveFirefoxScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  const sidebar = await page.$('cscx-sidebar');
  if (!sidebar) throw new Error('no sidebar to photograph');
  await sidebar.screenshot({ path: file as `${string}.png` });
  return file;
}
