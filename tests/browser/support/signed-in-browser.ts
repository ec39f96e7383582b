import type { Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, signIn } from './chromium-with-extension.ts';
import { routeFixturePages } from './fixture-routes.ts';

export interface SignedInBrowser {
  /** Filled in before the file's tests run. */
  browser: ExtensionBrowser;
  /** A new tab at a host URL, served from its fixture. */
  open(url: string): Promise<Page>;
}

/** Chromium with the built extension, the fixture pages at the hosts' real URLs, signed in; closed after the file. */
export function signedInBrowserOnFixtures(): SignedInBrowser {
  const suite = {
    async open(url: string) {
      const page = await suite.browser.context.newPage();
      await page.goto(url);
      return page;
    },
  } as SignedInBrowser;
  beforeAll(async () => {
    suite.browser = await launchWithExtension();
    await routeFixturePages(suite.browser.context);
    await signIn(suite.browser, {
      backendUrl: inject('backendUrl'),
      token: inject('token'),
      email: inject('userEmail'),
    });
  });
  afterAll(async () => {
    await suite.browser?.close();
  });
  return suite;
}
