import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { callProcedure, resultData } from '../process/support/cscx-process.ts';
import {
  type ExtensionBrowser,
  launchWithExtension,
  sidebarOf,
  signIn,
} from './support/chromium-with-extension.ts';
import { fixturePages, routeFixturePages } from './support/fixture-routes.ts';
import { extensionDir, screenshotsDir } from './support/paths.ts';

let browser: ExtensionBrowser;

const session = () => ({
  backendUrl: inject('backendUrl'),
  token: inject('token'),
  email: inject('userEmail'),
});

beforeAll(async () => {
  browser = await launchWithExtension();
  await routeFixturePages(browser.context);
  await signIn(browser, session());
});

afterAll(async () => {
  await browser?.close();
});

/** Each test starts with the sidebar shown and nothing remembered, signed in. */
afterEach(async () => {
  for (const page of browser.context.pages()) await page.close();
  await inServiceWorker(async () => {
    const { chrome } = globalThis as unknown as { chrome: typeof Browser };
    const stored = await chrome.storage.local.get(null);
    await chrome.storage.local.remove(Object.keys(stored).filter((key) => key.startsWith('cscx.sidebar.')));
  });
  await signIn(browser, session());
});

async function inServiceWorker<T>(fn: () => Promise<T>): Promise<T> {
  const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
  return worker.evaluate(fn);
}

async function open(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  return page;
}

/** The sidebar page's frame, once it has loaded. */
async function sidebarFrame(page: Page): Promise<Frame> {
  await page.waitForSelector('cscx-sidebar iframe', { state: 'attached', timeout: 20_000 });
  for (let attempt = 0; attempt < 200; attempt++) {
    const frame = page.frames().find((f) => f.url().includes('/sidebar.html'));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error('the sidebar frame never loaded');
}

async function showsCustomer(page: Page, name: string) {
  await sidebarOf(page).getByRole('heading', { name, exact: true }).waitFor({ timeout: 20_000 });
}

interface DemoCustomer {
  name: string;
  /** One of its contacts, so "People here" has someone in it. */
  contact: string;
}

/** A customer of the demo book with tickets, an NPS answer and open tasks: the sidebar at its fullest. */
async function demoCustomerWithHistory(): Promise<DemoCustomer> {
  const server = { url: inject('backendUrl') };
  const { items } = resultData<{ items: { id: string; name: string; domains: string[] }[] }>(
    await callProcedure(server, 'customers.list', { limit: 40 }, inject('token')),
  );
  for (const item of items) {
    if (!item.domains[0]?.endsWith('.example')) continue;
    const { customer } = resultData<{
      customer: { recentActivities: { kind: string }[]; openTasks: unknown[] } | null;
    }>(await callProcedure(server, 'customers.context', { customerId: item.id }, inject('token')));
    const { contacts } = resultData<{ contacts: { email: string }[] }>(
      await callProcedure(server, 'customers.get', { id: item.id }, inject('token')),
    );
    const kinds = new Set(customer?.recentActivities.map((a) => a.kind));
    const contact = contacts[0]?.email;
    if (kinds.has('ticket') && customer?.openTasks.length && contact) return { name: item.name, contact };
  }
  throw new Error('no demo customer has tickets and open tasks');
}

/** Calendar re-uses its popover for another event: here, one with the demo customer's people. */
async function openEventWith(page: Page, customer: DemoCustomer): Promise<void> {
  await page.evaluate((contact) => {
    const dialog = document.getElementById('xDetDlg');
    if (!dialog) throw new Error('no popover');
    dialog.setAttribute('data-eventid', btoa('demoevent1 csm@cscx.localhost'));
    for (const guest of dialog.querySelectorAll('[data-hovercard-id$="@acme-robotics.test"]'))
      guest.setAttribute('data-hovercard-id', contact);
  }, customer.contact);
  await showsCustomer(page, customer.name);
}

const dockState = (page: Page) => page.locator('cscx-sidebar').getAttribute('data-cscx-state');
const pageMargin = (page: Page) =>
  page.evaluate(() => document.documentElement.style.getPropertyValue('margin-right'));

/** The page as the CSM sees it, in light and dark. */
async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(screenshotsDir, `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

interface FontReading {
  what: string;
  px: number;
}

/** Computed font sizes, in px, of the first element each selector finds in this document. */
function fontSizes(selectors: Record<string, string>): Promise<FontReading[]> | FontReading[] {
  return Object.entries(selectors).map(([what, selector]) => {
    const element = document.querySelector(selector);
    if (!element) throw new Error(`nothing matches ${selector}`);
    return { what, px: Number.parseFloat(getComputedStyle(element).fontSize) };
  });
}

const size = (readings: FontReading[], what: string) => readings.find((r) => r.what === what)?.px ?? 0;

describe('the manifest', () => {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
    commands?: Record<string, { suggested_key?: { default?: string }; description?: string }>;
    action?: { default_title?: string };
  };

  it('declares the keyboard command that toggles the sidebar, with a suggested key', () => {
    expect(manifest.commands?.['toggle-sidebar']).toEqual({
      suggested_key: { default: 'Alt+Shift+S' },
      description: 'Show or hide the CSCX sidebar',
    });
  });

  it('has a toolbar button, with no popup, so a click reaches the background', () => {
    expect(manifest.action).toEqual({ default_title: 'Show or hide the CSCX sidebar' });
  });
});

describe('the type scale', () => {
  it('renders the sidebar’s text at 13 px or more, names, ARR and dates no smaller than their labels', async () => {
    const page = await open(fixturePages.calendarAcme.url);
    await showsCustomer(page, 'Acme Robotics');
    await openEventWith(page, await demoCustomerWithHistory());
    const frame = await sidebarFrame(page);
    const readings = await frame.evaluate(fontSizes, {
      body: 'body',
      name: '[aria-label="Account"] h2',
      label: '.facts dt',
      arr: '.facts dd',
      date: '.facts div:nth-child(2) dd',
      sectionLabel: 'h3',
      subject: '.timeline .subject',
      activityDate: '.timeline time',
      person: '.person-name',
      meta: '.small',
      task: '.task-title',
      chip: '.chip',
    });
    expect(size(readings, 'body')).toBeGreaterThanOrEqual(13);
    for (const value of ['arr', 'date', 'name', 'subject', 'person'])
      expect(size(readings, value), value).toBeGreaterThanOrEqual(size(readings, 'label'));
    for (const text of ['subject', 'activityDate', 'person', 'meta', 'task'])
      expect(size(readings, text), text).toBeGreaterThanOrEqual(13);
  });

  it('renders the options page’s text at 13 px or more, values no smaller than their labels', async () => {
    const page = await open(`chrome-extension://${browser.extensionId}/options.html#/account`);
    await page.getByRole('region', { name: 'Account' }).waitFor({ timeout: 20_000 });
    const readings = await page.evaluate(fontSizes, {
      body: 'body',
      label: '.facts dt',
      value: '.facts dd',
      navigation: '.settings-nav a',
      field: 'input',
      formLabel: 'label',
    });
    for (const text of ['body', 'value', 'navigation', 'field', 'formLabel'])
      expect(size(readings, text), text).toBeGreaterThanOrEqual(13);
    expect(size(readings, 'value')).toBeGreaterThanOrEqual(size(readings, 'label'));
  });
});

describe('a sidebar that gets out of the way', () => {
  it('docks beside Calendar: the page narrows by the sidebar’s width instead of being covered', async () => {
    const page = await open(fixturePages.calendarAcme.url);
    await showsCustomer(page, 'Acme Robotics');
    expect(await dockState(page)).toBe('open');
    expect(await pageMargin(page)).toBe('340px');
    const layout = await page.evaluate(() => ({
      pageRight: document.body.getBoundingClientRect().right,
      sidebarLeft: document.querySelector('cscx-sidebar')?.getBoundingClientRect().left ?? 0,
    }));
    expect(layout.pageRight).toBeLessThanOrEqual(layout.sidebarLeft);
    await openEventWith(page, await demoCustomerWithHistory());
    await screenshots(page, 'layout-calendar-open');
    // The timeline and the tasks, further down the sidebar.
    const frame = await sidebarFrame(page);
    await frame.evaluate(() => document.querySelector('[aria-label="Open tasks"]')?.scrollIntoView());
    await screenshots(page, 'layout-calendar-open-scrolled');
  });

  it('collapses to a tab through the background, and stays collapsed after a reload', async () => {
    const page = await open(fixturePages.calendarAcme.url);
    await showsCustomer(page, 'Acme Robotics');
    // The sidebar's "Hide" asks the background, which toggles this tab's frame: the same path as the
    // toolbar button and the keyboard command.
    await sidebarOf(page).getByRole('button', { name: 'Hide the sidebar' }).click();
    await page.locator('cscx-sidebar[data-cscx-state="collapsed"]').waitFor();
    expect(await pageMargin(page)).toBe('');
    const tab = page.getByRole('button', { name: 'Show the CSCX sidebar' });
    expect(await tab.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Show the CSCX sidebar',
    );
    await screenshots(page, 'layout-calendar-collapsed');

    await page.reload();
    await page.locator('cscx-sidebar[data-cscx-state="collapsed"]').waitFor({ timeout: 20_000 });
    expect(await pageMargin(page)).toBe('');
    expect(
      await inServiceWorker(async () => {
        const { chrome } = globalThis as unknown as { chrome: typeof Browser };
        return (await chrome.storage.local.get('cscx.sidebar.calendar.collapsed'))[
          'cscx.sidebar.calendar.collapsed'
        ];
      }),
    ).toBe(true);

    await tab.click();
    await showsCustomer(page, 'Acme Robotics');
    expect(await dockState(page)).toBe('open');
    await page.reload();
    await showsCustomer(page, 'Acme Robotics');
    expect(await dockState(page)).toBe('open');
  });

  it('follows a collapse made in another tab of the same host', async () => {
    const acme = await open(fixturePages.calendarAcme.url);
    const initech = await open(fixturePages.calendarInitech.url);
    await showsCustomer(acme, 'Acme Robotics');
    await showsCustomer(initech, 'Initech');
    await sidebarOf(acme).getByRole('button', { name: 'Hide the sidebar' }).click();
    await initech.locator('cscx-sidebar[data-cscx-state="collapsed"]').waitFor();
  });

  it('toggles the active tab when the background gets the keyboard command', async () => {
    const page = await open(fixturePages.zoomRecording.url);
    await showsCustomer(page, 'Globex Industrial');
    await screenshots(page, 'layout-zoom-open');
    // A test cannot press the browser's shortcut: the command's own event is fired in the service worker.
    const fired = await inServiceWorker(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: {
          commands: { onCommand: { dispatch?: (command: string, tab?: unknown) => void } };
        } & typeof Browser;
      };
      const [tab] = await chrome.tabs.query({ url: 'https://us06web.zoom.us/*' });
      const dispatch = chrome.commands.onCommand.dispatch;
      if (!dispatch || !tab) return false;
      dispatch.call(chrome.commands.onCommand, 'toggle-sidebar', tab);
      return true;
    });
    expect(fired).toBe(true);
    await page.locator('cscx-sidebar[data-cscx-state="collapsed"]').waitFor();
    await screenshots(page, 'layout-zoom-collapsed');
  });
});

describe('the sidebar’s content', () => {
  it('opens on the Customer tab, with the Brief, Health and Inbox tabs beside it', async () => {
    const page = await open(fixturePages.calendarAcme.url);
    await showsCustomer(page, 'Acme Robotics');
    const sidebar = sidebarOf(page);
    await sidebar
      .getByRole('tabpanel', { name: 'Customer' })
      .getByRole('region', { name: 'Account' })
      .waitFor();
    expect(await sidebar.getByRole('tab').allTextContents()).toEqual([
      'Customer',
      'Brief',
      'Health',
      'Inbox',
    ]);
    expect(await sidebar.getByRole('region', { name: 'Open tasks' }).count()).toBe(1);
  });

  it('says "Nothing open", not the old customer, once the Calendar popover closes', async () => {
    const page = await open(fixturePages.calendarAcme.url);
    await showsCustomer(page, 'Acme Robotics');
    await page.evaluate(() => document.querySelector('[data-chips-dialog="true"]')?.remove());
    await sidebarOf(page)
      .getByRole('heading', { name: 'Nothing open' })
      .waitFor({ timeout: 20_000 })
      .catch(async (error) => {
        await page.screenshot({ path: path.join(screenshotsDir, 'debug-nothing-open.png') });
        console.log(await page.content());
        throw error;
      });
    expect(await sidebarOf(page).getByRole('heading', { name: 'Acme Robotics' }).count()).toBe(0);
  });

  it('opens at sign-in when the toolbar button is used signed out on a page with nothing open', async () => {
    await signIn(browser, { ...session(), token: null });
    const page = await browser.context.newPage();
    // A Zoom page with no meeting on it: the content script runs, finds nothing, makes no frame.
    await page.route('https://zoom.us/profile', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><title>Profile - Zoom</title><h1>Profile</h1>',
      }),
    );
    await page.goto('https://zoom.us/profile');
    await page.waitForTimeout(300);
    expect(await page.locator('cscx-sidebar').count()).toBe(0);
    const clicked = await inServiceWorker(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: { action: { onClicked: { dispatch?: (tab: unknown) => void } } } & typeof Browser;
      };
      const [tab] = await chrome.tabs.query({ url: 'https://zoom.us/profile' });
      const dispatch = chrome.action.onClicked.dispatch;
      if (!dispatch || !tab) return false;
      dispatch.call(chrome.action.onClicked, tab);
      return true;
    });
    expect(clicked).toBe(true);
    await sidebarOf(page).getByRole('form', { name: 'Sign in to CSCX' }).waitFor({ timeout: 20_000 });
    expect(await dockState(page)).toBe('open');
    await screenshots(page, 'layout-zoom-signed-out-nothing-open');
  });
});

describe('in Gmail', () => {
  it('words "Nothing open" for Gmail and offers no "Hide" (Gmail’s own sidebar holds the panel)', async () => {
    // InboxSDK does not open its sidebar on the reconstructed Gmail page, so the sidebar page is opened
    // as InboxSDK's panel frames it: with the host, without a dock.
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 340, height: 640 });
    await page.goto(`chrome-extension://${browser.extensionId}/sidebar.html?host=gmail`);
    await page.getByRole('heading', { name: 'Nothing open' }).waitFor({ timeout: 20_000 });
    expect(await page.getByText('Open a thread or start a reply to see its customer here.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Hide the sidebar' }).count()).toBe(0);
    await screenshots(page, 'layout-gmail-panel-nothing-open');
  });
});

describe('the settings page', () => {
  it('opens the section a link names, with the navigation beside it', async () => {
    const page = await open(`chrome-extension://${browser.extensionId}/options.html#/members`);
    await page.getByRole('region', { name: 'Members' }).waitFor({ timeout: 20_000 });
    const current = page.getByRole('navigation', { name: 'Settings' }).locator('[aria-current="page"]');
    expect(await current.textContent()).toBe('Members');
    await screenshots(page, 'settings-navigation');
  });
});
