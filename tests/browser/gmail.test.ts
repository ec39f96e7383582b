import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium-with-extension.ts';
import { fixturePages, routeFixturePages } from './support/fixture-routes.ts';
import { testInboxSdkAppId } from './support/inboxsdk-app-id.ts';

/** Where InboxSDK reports usage and errors, and Google's analytics: none of it may be asked for. */
const analytics = /^https:\/\/([\w-]+\.)*(inboxsdk\.com|pubsub\.googleapis\.com|google-analytics\.com)\//;

let browser: ExtensionBrowser;
const requested: string[] = [];

beforeAll(async () => {
  browser = await launchWithExtension();
  browser.context.on('request', (request) => requested.push(request.url()));
  // Recorded above before this refuses them, so nothing leaves the machine even if InboxSDK tries.
  await browser.context.route(analytics, (route) => route.abort());
  await routeFixturePages(browser.context);
});

afterAll(async () => {
  await browser?.close();
});

describe('the built Gmail content script', () => {
  it('loads InboxSDK on Gmail with the build’s app id and event tracking off, its page-world script injected by the background', async () => {
    const page = await browser.context.newPage();
    await page.goto(fixturePages.gmailThread.url);
    // Both run in Gmail's own (main) world: InboxSDK's pageWorld.js marks it, its loader names the app.
    await page.waitForFunction(
      () => (window as unknown as { __InboxSDKInjected?: boolean }).__InboxSDKInjected === true,
      undefined,
      { timeout: 20_000 },
    );
    const marks = await page.evaluate(() => ({
      appIds: document.documentElement.getAttribute('data-inboxsdk-active-app-ids'),
      // InboxSDK elects one tab to send usage events and marks <html> so; only with eventTracking on.
      eventLogger: document.documentElement.hasAttribute('data-inboxsdk-app-logger-master-chosen'),
    }));
    expect(JSON.parse(marks.appIds ?? '[]')).toEqual([{ appId: testInboxSdkAppId }]);
    expect(marks.eventLogger).toBe(false);
    await expect(page.locator('.inboxsdk__appid_warning').count()).resolves.toBe(0);
    await page.close();
  });

  it('sends nothing to InboxSDK’s or Google’s analytics', async () => {
    const page = await browser.context.newPage();
    await page.goto(fixturePages.gmailThread.url);
    await page.waitForFunction(
      () => (window as unknown as { __InboxSDKInjected?: boolean }).__InboxSDKInjected === true,
      undefined,
      { timeout: 20_000 },
    );
    // InboxSDK flushes its event queue on the first event and then every two minutes; give it time to try.
    await page.waitForTimeout(5_000);
    expect(requested.filter((url) => url.startsWith('https://mail.google.com/'))).not.toEqual([]);
    expect(requested.filter((url) => analytics.test(url))).toEqual([]);
    await page.close();
  });
});
