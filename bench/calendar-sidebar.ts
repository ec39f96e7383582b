/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { packageRoot } from '../backend/config.ts';
import { buildChromeExtension } from '../backend/extension-build/build-chrome.ts';
import { launchWithExtension, signIn } from '../tests/browser/support/chromium-with-extension.ts';
import { fixturePages, routeFixturePages } from '../tests/browser/support/fixture-routes.ts';

export interface CalendarOpen {
  /** The attendees' addresses put into the event details, and the customer the sidebar should show. */
  emails: string[];
  customerName: string;
}

export interface CalendarSidebarTimings {
  /** Event details in the page → the Customer tab's account card painted with that customer, ms. */
  openToPainted: number[];
  warmUp: number;
}

/** The Chrome build in a folder of the bench's own, so a browser test running meanwhile keeps its build. */
export async function buildChromeExtensionForBench(log: (line: string) => void): Promise<string> {
  const built = await buildChromeExtension({
    root: packageRoot,
    outDir: path.join(packageRoot, '.output', 'bench'),
    write: log,
  });
  if (built.kind === 'failed') throw new Error(`extension build failed: ${built.reason}`);
  return built.folder;
}

/**
 * Opens event details on the routed Calendar fixture once per `opens` item, as Calendar does: the
 * details dialog is removed and a new one inserted with the event's attendees. Each open has its own
 * attendee addresses, so no answer comes from the sidebar's cache, and consecutive opens name
 * different customers, so the account card must change. Both ends are stamped inside the browser on
 * the epoch clock (`timeOrigin + now`, shared by the page and the extension frame): the start just
 * after the dialog is inserted, the end after the frame that shows the customer's name is painted
 * (a rAF, then a task).
 */
export async function measureCalendarSidebar(options: {
  extensionDir: string;
  backendUrl: string;
  token: string;
  email: string;
  opens: CalendarOpen[];
  warmUp: number;
}): Promise<CalendarSidebarTimings> {
  const browser = await launchWithExtension(options.extensionDir);
  try {
    await routeFixturePages(browser.context);
    await signIn(browser, { backendUrl: options.backendUrl, token: options.token, email: options.email });
    const page = await browser.context.newPage();
    await page.goto(fixturePages.calendarAcme.url);
    const sidebar = await sidebarFrame(page);
    await sidebar.waitForSelector('h2, [role="status"], form', { timeout: 20_000 });
    await page.evaluate(() => {
      const dialog = document.querySelector('[data-chips-dialog="true"]');
      if (!dialog) throw new Error('the fixture has no event-details dialog');
      (window as unknown as { cscxBenchTemplate: Element }).cscxBenchTemplate = dialog.cloneNode(
        true,
      ) as Element;
      dialog.remove();
    });
    const openToPainted: number[] = [];
    for (const [i, open] of options.opens.entries()) {
      const painted = sidebar.evaluate<number>(
        `(${waitForCustomerPainted})(${JSON.stringify(open.customerName)})`,
      );
      const started = await page.evaluate(openEventDetails, { i, emails: open.emails });
      const ended = await painted;
      if (i >= options.warmUp) openToPainted.push(ended - started);
      await page.evaluate(() => document.querySelector('[data-chips-dialog="true"]')?.remove());
    }
    return { openToPainted, warmUp: options.warmUp };
  } finally {
    await browser.close();
  }
}

async function sidebarFrame(page: Page): Promise<Frame> {
  await page.waitForSelector('cscx-sidebar iframe', { timeout: 20_000 });
  for (let attempt = 0; attempt < 200; attempt++) {
    const frame = page.frames().find((f) => f.url().includes('/sidebar.html'));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error('the sidebar frame never loaded');
}

/** Runs in the page: inserts the details dialog for event `i` with these attendees; returns when. */
function openEventDetails({ i, emails }: { i: number; emails: string[] }): number {
  const template = (window as unknown as { cscxBenchTemplate: Element }).cscxBenchTemplate;
  const dialog = template.cloneNode(true) as Element;
  const details = dialog.querySelector('#xDetDlg');
  details?.setAttribute('data-eventid', btoa(`benchevent${i} csm@cscx.localhost`));
  const heading = dialog.querySelector('[role="heading"]');
  if (heading) heading.textContent = `Bench meeting ${i}`;
  const guests = dialog.querySelector('#xDetDlgAtt [data-hovercard-id]')?.parentElement;
  if (!guests) throw new Error('the fixture has no guest list');
  const chip = guests.querySelector('[data-hovercard-id]')?.cloneNode(true) as Element;
  guests.replaceChildren(
    ...emails.map((email) => {
      const guest = chip.cloneNode(true) as Element;
      guest.setAttribute('data-hovercard-id', email);
      guest.textContent = email;
      return guest;
    }),
  );
  document.body.append(dialog);
  return performance.timeOrigin + performance.now();
}

/**
 * Runs in the sidebar frame: resolves when the account card names the customer, once that frame is
 * painted. Kept as source text: tsx wraps named functions in a `__name` helper the frame does not have.
 */
const waitForCustomerPainted = `(name) => new Promise((resolve, reject) => {
  const shows = () => [...document.querySelectorAll('h2')].some((h) => h.textContent === name);
  let timer;
  const observer = new MutationObserver(() => { if (shows()) done(); });
  const done = () => {
    observer.disconnect();
    clearTimeout(timer);
    requestAnimationFrame(() => setTimeout(() => resolve(performance.timeOrigin + performance.now()), 0));
  };
  timer = setTimeout(() => {
    observer.disconnect();
    reject(new Error('the sidebar never showed ' + name + ': ' + (document.body.textContent ?? '').slice(0, 300)));
  }, 20000);
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  if (shows()) done();
})`;
