import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { callProcedure } from '../process/support/cscx-process.ts';
import {
  type ExtensionBrowser,
  launchWithExtension,
  sidebarOf,
  signIn,
  storedSession,
} from './support/chromium-with-extension.ts';
import { fixturePages, routeFixturePages } from './support/fixture-routes.ts';

let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension();
  await routeFixturePages(browser.context);
});

afterAll(async () => {
  await browser?.close();
});

describe('signing in from the sidebar on a host page', () => {
  it('signs in with email and password, then shows the customer; a revoked token signs it out', async () => {
    const backendUrl = inject('backendUrl');
    await signIn(browser, { backendUrl, token: null, email: null });
    const page = await browser.context.newPage();
    await page.goto(fixturePages.calendarAcme.url);
    const sidebar = sidebarOf(page);
    await sidebar.getByRole('form', { name: 'Sign in to CSCX' }).waitFor();
    await sidebar.getByText('Backend', { exact: true }).click();
    await sidebar.getByLabel('Backend URL').fill(backendUrl);
    await sidebar.getByLabel('Email').fill(inject('userEmail'));
    await sidebar.getByLabel('Password').fill(inject('userPassword'));
    await sidebar.getByRole('button', { name: 'Sign in' }).click();
    await sidebar.getByRole('heading', { name: 'Acme Robotics', exact: true }).waitFor();

    const token = (await storedSession(browser))?.token;
    expect(token).toMatch(/^cscx_sess_/);
    const revoked = await callProcedure({ url: backendUrl }, 'auth.logout', {}, token ?? '');
    expect(revoked.status).toBe(200);
    await page.reload();
    await sidebarOf(page).getByRole('form', { name: 'Sign in to CSCX' }).waitFor();
    expect((await storedSession(browser))?.token).toBeNull();
  });
});
