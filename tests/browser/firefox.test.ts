import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type FirefoxWithAddon,
  firefoxSidebarFrame,
  launchFirefoxWithAddon,
  routeFixturePagesInFirefox,
  saveFirefoxScreenshot,
  signInFirefoxSidebar,
} from './support/firefox-with-extension.ts';
import { fixturePages } from './support/fixture-routes.ts';
import { repositoryRoot } from './support/paths.ts';

const firefoxBuild = path.join(repositoryRoot, '.output', 'firefox-mv3');

interface LinterReport {
  summary: { errors: number; warnings: number };
  errors: { code: string; message: string; file?: string }[];
}

beforeAll(() => {
  execFileSync(
    process.execPath,
    [path.join(repositoryRoot, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', 'firefox', '--mv3'],
    { cwd: repositoryRoot, stdio: 'pipe' },
  );
});

describe('the Firefox MV3 build', () => {
  it("passes Mozilla's addons-linter with no errors", () => {
    const linted = spawnSync(
      process.execPath,
      [
        path.join(repositoryRoot, 'node_modules/addons-linter/bin/addons-linter'),
        '--output',
        'json',
        firefoxBuild,
      ],
      { cwd: repositoryRoot, encoding: 'utf8' },
    );
    const report = JSON.parse(linted.stdout) as LinterReport;
    expect(report.errors, JSON.stringify(report.errors, null, 2)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });
});

describe('the Firefox build in Firefox ESR, over WebDriver BiDi', () => {
  let firefox: FirefoxWithAddon;
  let page: Page;

  beforeAll(async () => {
    firefox = await launchFirefoxWithAddon(firefoxBuild);
    page = await firefox.browser.newPage();
    await routeFixturePagesInFirefox(page);
  });
  afterAll(async () => {
    await firefox?.close();
  });

  it('shows the customer of the Calendar event whose details are open', async () => {
    await page.goto(fixturePages.calendarAcme.url);
    const sidebar = await firefoxSidebarFrame(page);
    await signInFirefoxSidebar(sidebar, {
      backendUrl: inject('backendUrl'),
      token: inject('token'),
      email: inject('userEmail'),
    });
    const heading = await sidebar.waitForFunction(
      () => [...document.querySelectorAll('h2')].find((h) => h.textContent === 'Acme Robotics')?.textContent,
      { timeout: 20_000 },
    );
    expect(await heading.jsonValue()).toBe('Acme Robotics');
    const people = await sidebar.evaluate(() => document.body.textContent);
    expect(people).toContain('Dana Reyes');
    await saveFirefoxScreenshot(page, 'firefox-calendar-sidebar');
    expect(firefox.version).toMatch(/^firefox\//);
  });
});
