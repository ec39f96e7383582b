import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadAnalysis } from '../../shared/api/threads.ts';
import type { GmailThreadContext } from '../../shared/host-context.ts';
import { callProcedure, resultData } from '../process/support/cscx-process.ts';
import { type FakeAnthropic, startFakeAnthropic } from '../support/fakes/anthropic-server.ts';
import type { RecordedRequest } from '../support/fakes/fake-http.ts';
import { type FakeGemini, startFakeGemini } from '../support/fakes/gemini-server.ts';
import { type FileBackend, startBackendForFile } from './support/backend-for-file.ts';
import { type ExtensionBrowser, launchWithExtension, signIn } from './support/chromium-with-extension.ts';
import { routeFixturePages } from './support/fixture-routes.ts';
import { fixtureThreadContext, openThreadInSidebar, screenshots } from './support/thread-in-sidebar.ts';

const orgAnthropicKey = 'sk-ant-fake-browser-org-key-5d2e';
const envGeminiKey = 'AIza-fake-browser-env-key-91b3';
/** What the fixture thread says about its customer's person, which must never reach a vendor. */
const danaData = ['Dana', 'Reyes', 'dana.reyes@acme-robotics.test'];

let anthropic: FakeAnthropic;
let gemini: FakeGemini;
let backend: FileBackend;
let browser: ExtensionBrowser;
let thread: GmailThreadContext;

/**
 * The real backend with the Anthropic and Gemini SDKs pointed at the fake servers of this test
 * process; Gemini's key comes from the environment, Anthropic's from the admin in the settings page.
 */
beforeAll(async () => {
  anthropic = await startFakeAnthropic({ apiKey: orgAnthropicKey });
  gemini = await startFakeGemini({ apiKey: envGeminiKey });
  backend = await startBackendForFile({
    CSCX_ANTHROPIC_BASE_URL: anthropic.url,
    CSCX_GEMINI_BASE_URL: gemini.url,
    GEMINI_API_KEY: envGeminiKey,
    ANTHROPIC_API_KEY: '',
  });
  browser = await launchWithExtension();
  await routeFixturePages(browser.context);
  await signIn(browser, { backendUrl: backend.server.url, token: backend.token, email: backend.email });
  thread = await fixtureThreadContext(browser);
});

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
  await anthropic?.close();
  await gemini?.close();
});

/**
 * An analysis as a model would write it about the redacted text: it names Dana by the placeholder
 * her sign-off became ("Thanks,\n<PERSON_2>"; "Hi Sam," came first).
 */
function anAnalysisOf(request: RecordedRequest, summary: (person: string) => string): ThreadAnalysis {
  const person = /Thanks,(?:\\n|\s)+(<PERSON_\d+>)/.exec(JSON.stringify(request.body))?.[1] ?? 'the customer';
  return {
    sentiment: { score: 0.2, label: 'neutral' },
    urgency: 'high',
    asks: [{ quote: 'Can you send the updated terms by Friday?', messageIndex: 0, kind: 'request' }],
    commitments: [],
    needsReply: true,
    summary: summary(person),
  };
}

async function analysisShown(page: Page) {
  const card = page.getByRole('region', { name: 'Thread' });
  await card.locator('.answered-by').waitFor({ timeout: 30_000 });
  return card;
}

function expectRedacted(request: RecordedRequest) {
  const sent = JSON.stringify(request.body);
  for (const data of danaData) expect(sent).not.toContain(data);
  // The thread's words went, only its person did not.
  expect(sent).toContain('Can you send the updated terms by Friday?');
}

/** Dana writes again: a new message, so the thread is analysed again rather than read from its entry. */
function withDanasFollowUp(context: GmailThreadContext): GmailThreadContext {
  const [first] = context.messages;
  if (!first) throw new Error('the fixture thread has no messages');
  return {
    ...context,
    messages: [
      ...context.messages,
      {
        ...first,
        sentAt: first.sentAt?.replace('T09:12', 'T15:30') ?? null,
        text: 'Thanks Sam. Could you also confirm the date the Munich team moves to SSO?\n\nDana',
      },
    ],
  };
}

describe('the Gmail sidebar’s thread analysis through the remote providers’ SDKs, against their fakes', () => {
  it('lets the admin choose Anthropic with a key of the organisation’s in the settings page', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html#/ai`);
    const keyForm = page.getByRole('form', { name: 'Anthropic API key' });
    await keyForm.waitFor({ timeout: 20_000 });
    await keyForm.getByLabel('Anthropic API key').fill(orgAnthropicKey);
    await keyForm.getByRole('button', { name: 'Save key' }).click();
    await keyForm.getByText('Saved. The key is not shown again.').waitFor();
    const providerForm = page.getByRole('form', { name: 'AI provider' });
    await providerForm.getByLabel('Provider').selectOption('anthropic');
    await providerForm.getByRole('button', { name: 'Save' }).click();
    await providerForm.getByText('Saved.').waitFor();
    await screenshots(page, 'settings-ai-anthropic');
    await page.close();

    const settings = resultData<{ provider: string; keys: Record<string, string>; fallbackChain: string[] }>(
      await callProcedure(backend.server, 'ai.settings', {}, backend.token),
    );
    expect(settings).toMatchObject({
      provider: 'anthropic',
      keys: { anthropic: 'org', gemini: 'environment' },
      fallbackChain: ['anthropic', 'gemini', 'local'],
    });
    expect(anthropic.requests).toEqual([]);
  });

  it('shows Gemini’s analysis with the fall-back note when Anthropic is overloaded, and nothing of Dana left for either', async () => {
    anthropic.enqueue({ kind: 'error', status: 529 });
    gemini.enqueue((request) => ({
      kind: 'json',
      value: anAnalysisOf(request, (person) => `${person} needs the updated terms by Friday (Gemini).`),
    }));
    const page = await openThreadInSidebar(browser, thread);
    const card = await analysisShown(page);

    expect(await card.locator('.answered-by').textContent()).toBe(
      'Analysed by Gemini (gemini-2.5-flash) after Anthropic failed. Added to the timeline.',
    );
    // The placeholder the model wrote came back as the words it stands for ("Dana", as she signed).
    expect(await card.locator('.thread-summary').textContent()).toBe(
      'Dana needs the updated terms by Friday (Gemini).',
    );
    expect(await card.getByRole('list', { name: 'Asks' }).locator('q').allTextContents()).toEqual([
      'Can you send the updated terms by Friday?',
    ]);
    expect(anthropic.requests).toHaveLength(1);
    expect(gemini.requests).toHaveLength(1);
    expectRedacted(await anthropic.requestAt(0));
    expectRedacted(await gemini.requestAt(0));
    await screenshots(page, 'gmail-thread-analysis-fallback');
    await page.close();
  });

  it('shows Anthropic’s own answer (its tool call) when it answers, again with Dana redacted', async () => {
    anthropic.enqueue((request) => ({
      kind: 'tool',
      input: anAnalysisOf(request, (person) => `${person} asks for the terms and the Munich SSO date.`),
    }));
    const page = await openThreadInSidebar(browser, withDanasFollowUp(thread));
    const card = await analysisShown(page);

    expect(await card.locator('.answered-by').textContent()).toBe(
      'Analysed by Anthropic (claude-sonnet-4-5). Updated on the timeline.',
    );
    expect(await card.locator('.thread-summary').textContent()).toBe(
      'Dana asks for the terms and the Munich SSO date.',
    );
    expect(anthropic.requests).toHaveLength(2);
    expect(gemini.requests).toHaveLength(1);
    const sent = await anthropic.requestAt(1);
    expectRedacted(sent);
    expect(JSON.stringify(sent.body)).toContain('Munich team moves to SSO');
    await screenshots(page, 'gmail-thread-analysis-anthropic');
    await page.close();
  });
});
