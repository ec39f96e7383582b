import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { callProcedure, resultData } from '../process/support/cscx-process.ts';
import {
  type ExtensionBrowser,
  launchWithExtension,
  signIn,
  storedSession,
} from './support/chromium-with-extension.ts';
import { screenshotsDir } from './support/paths.ts';

let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
});

function optionsUrl(): string {
  return `chrome-extension://${browser.extensionId}/options.html`;
}

/** Every Content-Security-Policy violation the page reports; the strict policy must cost nothing. */
function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** The signed-in settings page in light and dark, kept as test artifacts (git-ignored). */
async function saveSettingsScreenshots(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: path.join(screenshotsDir, `${name}-${colorScheme}.png`), fullPage: true });
  }
}

async function fillSignIn(page: Page, { chooseBackend }: { chooseBackend: boolean }) {
  const form = page.getByRole('form', { name: 'Sign in to CSCX' });
  await form.waitFor();
  if (chooseBackend) {
    await form.getByText('Backend', { exact: true }).click();
    await form.getByLabel('Backend URL').fill(inject('backendUrl'));
  }
  await form.getByLabel('Email').fill(inject('userEmail'));
  await form.getByLabel('Password').fill(inject('userPassword'));
  await form.getByRole('button', { name: 'Sign in' }).click();
}

describe("the extension's settings page", () => {
  it('signs in against the chosen backend, shows the admin sections, and signs out', async () => {
    await signIn(browser, { backendUrl: 'http://127.0.0.1:1', token: null, email: null });
    const page = await browser.context.newPage();
    await page.goto(optionsUrl());
    await fillSignIn(page, { chooseBackend: true });
    const account = page.getByRole('region', { name: 'Account' });
    await account.getByText(inject('userEmail')).waitFor();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Members' }).click();
    await page.getByRole('region', { name: 'Members' }).waitFor();
    expect((await storedSession(browser))?.token).toMatch(/^cscx_sess_/);

    await page.getByRole('link', { name: 'Account' }).click();
    await account.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('form', { name: 'Sign in to CSCX' }).waitFor();
    expect((await storedSession(browser))?.token).toBeNull();
    await page.close();
  });

  it('shows the signed-out state once the token is revoked through the API', async () => {
    const backendUrl = inject('backendUrl');
    const { token } = resultData<{ token: string }>(
      await callProcedure({ url: backendUrl }, 'auth.login', {
        email: inject('userEmail'),
        password: inject('userPassword'),
      }),
    );
    await signIn(browser, { backendUrl, token, email: inject('userEmail') });
    const page = await browser.context.newPage();
    await page.goto(optionsUrl());
    await page.getByRole('region', { name: 'Account' }).waitFor();

    const sessions = resultData<{ id: string; prefix: string }[]>(
      await callProcedure({ url: backendUrl }, 'tokens.list', {}, inject('token')),
    );
    const mine = sessions.find((t) => token.startsWith(t.prefix));
    expect(mine).toBeDefined();
    resultData(await callProcedure({ url: backendUrl }, 'tokens.revoke', { id: mine?.id }, inject('token')));

    await page.reload();
    await page.getByRole('form', { name: 'Sign in to CSCX' }).waitFor();
    expect((await storedSession(browser))?.token).toBeNull();
    await page.close();
  });
});

describe('the settings page the backend serves at /app', () => {
  it('loads under its strict policy, signs in with no backend to choose, and signs out', async () => {
    const page = await browser.context.newPage();
    const violations = collectCspViolations(page);
    const response = await page.goto(`${inject('backendUrl')}/app/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('form', { name: 'Sign in to CSCX' }).waitFor();
    expect(await page.getByLabel('Backend URL').count()).toBe(0);
    await fillSignIn(page, { chooseBackend: false });
    const account = page.getByRole('region', { name: 'Account' });
    await account.getByText(inject('userEmail')).waitFor();
    const stored = await page.evaluate(() => JSON.parse(sessionStorage.getItem('cscx.session') ?? '{}'));
    expect(stored.token).toMatch(/^cscx_sess_/);

    await account.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('form', { name: 'Sign in to CSCX' }).waitFor();
    const after = await page.evaluate(() => JSON.parse(sessionStorage.getItem('cscx.session') ?? '{}'));
    expect(after.token).toBeNull();
    expect(violations).toEqual([]);
    await page.close();
  });

  it('invites a member whose link sets a password and signs them in', async () => {
    const admin = await browser.context.newPage();
    await admin.goto(`${inject('backendUrl')}/app/`);
    await fillSignIn(admin, { chooseBackend: false });
    await admin.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Members' }).click();
    const invite = admin.getByRole('form', { name: 'Invite a member' });
    const email = `invited-${Date.now()}@cscx.localhost`;
    await invite.getByLabel('Email').fill(email);
    await invite.getByLabel('Name').fill('Ivy Invited');
    await invite.getByLabel('Role').selectOption('csm');
    await invite.getByRole('button', { name: 'Invite' }).click();
    const link = await invite.getByLabel('Invitation link').inputValue();
    expect(link.startsWith(`${inject('backendUrl')}/app/#/accept-invite?token=`)).toBe(true);
    const ivysRow = admin
      .getByRole('list', { name: 'Members' })
      .getByRole('listitem')
      .filter({ hasText: email });
    await ivysRow.getByText('Ivy Invited').waitFor();
    await ivysRow.getByText(/^Invited — not signed in yet/).waitFor();
    await saveSettingsScreenshots(admin, 'settings-web-admin');

    const invitee = await browser.context.newPage();
    await invitee.goto(link);
    const accept = invitee.getByRole('form', { name: 'Accept the invitation' });
    await accept.getByText(`You are setting up ${email} in`).waitFor();
    await accept.getByLabel('Password', { exact: true }).fill('ivy-chose-this-password');
    await accept.getByLabel('Repeat password').fill('ivy-chose-this-password');
    await accept.getByRole('button', { name: 'Set password and sign in' }).click();
    const account = invitee.getByRole('region', { name: 'Account' });
    await account.getByText(email).waitFor();
    expect(await account.textContent()).toContain('csm');
    expect(await invitee.getByRole('region', { name: 'Members' }).count()).toBe(0);

    const again = await callProcedure({ url: inject('backendUrl') }, 'auth.login', {
      email,
      password: 'ivy-chose-this-password',
    });
    expect(again.status).toBe(200);
    await admin.close();
    await invitee.close();
  });
});
