import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AiSettingsOutput, AiUsageOutput, UpdateAiSettingsInput } from '../../../shared/api/ai.ts';
import { FakeProcedureError, type Procedure } from '../support/fake-backend.ts';
import { callsTo, meAs, renderSettings } from '../support/render-settings.tsx';

const admin = meAs({ role: 'admin', email: 'admin@cscx.localhost', name: 'Alex Admin' });

function aiSettings(overrides: Partial<AiSettingsOutput> = {}): AiSettingsOutput {
  return {
    provider: 'local',
    model: null,
    defaultModels: { local: 'cscx-local-1', anthropic: 'claude-sonnet-4-5', gemini: 'gemini-2.5-flash' },
    keys: { anthropic: 'environment', gemini: 'none' },
    redaction: true,
    logGmailThreads: true,
    fallbackChain: ['local'],
    ...overrides,
  };
}

/**
 * The org's AI settings as the API keeps them: a saved key becomes the org's, a removed one falls back
 * to the environment's where the server has one. Keys themselves are kept only to check nothing echoes.
 */
function aiBackend(initial: AiSettingsOutput = aiSettings(), environmentKeys = ['anthropic']) {
  let settings = initial;
  const procedures: Record<string, Procedure> = {
    'auth.me': () => admin,
    'ai.settings': () => settings,
    'ai.updateSettings': (input) => {
      const change = input as UpdateAiSettingsInput;
      const keys = { ...settings.keys };
      for (const provider of ['anthropic', 'gemini'] as const) {
        const key = change.apiKeys?.[provider];
        if (key === null) keys[provider] = environmentKeys.includes(provider) ? 'environment' : 'none';
        else if (key !== undefined) keys[provider] = 'org';
      }
      const { apiKeys: _, ...rest } = change;
      settings = { ...settings, ...rest, keys };
      return settings;
    },
    'ai.usage': () => noUsage,
  };
  return procedures;
}

const figures = (
  calls: number,
  failed: number,
  inputTokens: number,
  outputTokens: number,
  costUsd: number,
) => ({
  calls,
  failed,
  inputTokens,
  outputTokens,
  costUsd,
});

const noUsage: AiUsageOutput = {
  since: '2026-11-01T00:00:00.000Z',
  total: figures(0, 0, 0, 0, 0),
  byFeature: [],
  byUser: [],
  byProvider: [],
};

function renderAi(procedures: Record<string, Procedure> = aiBackend()) {
  return renderSettings({ at: '#/ai', procedures });
}

const keyForm = (name: string) => screen.findByRole('form', { name: `${name} API key` });

describe('the AI section, for an admin', () => {
  it('shows the provider, the default model, where each key comes from, both toggles and the fallback chain', async () => {
    renderAi(
      aiBackend(
        aiSettings({
          provider: 'anthropic',
          keys: { anthropic: 'environment', gemini: 'org' },
          fallbackChain: ['anthropic', 'gemini', 'local'],
        }),
      ),
    );
    const provider = await screen.findByRole('form', { name: 'AI provider' });
    expect((within(provider).getByLabelText('Provider') as HTMLSelectElement).value).toBe('anthropic');
    const model = within(provider).getByLabelText('Model') as HTMLInputElement;
    expect(model.value).toBe('');
    expect(model.placeholder).toBe('claude-sonnet-4-5');
    expect(provider.textContent).toContain('Leave blank for the default, claude-sonnet-4-5.');
    expect((await keyForm('Anthropic')).textContent).toContain('From the server’s environment');
    expect((await keyForm('Gemini')).textContent).toContain('Set in settings');
    const chain = screen.getByRole('list', { name: 'Fallback chain' });
    expect(
      within(chain)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Anthropic', 'Gemini', 'Local']);
    expect(
      (screen.getByRole('checkbox', { name: /^Remove names, emails, phone numbers/ }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    expect((screen.getByRole('checkbox', { name: /Log Gmail threads/ }) as HTMLInputElement).checked).toBe(
      true,
    );
  });

  it('saves a key without ever showing it again: the field empties and the status says "Set in settings"', async () => {
    const { backend } = renderAi();
    const gemini = await keyForm('Gemini');
    expect(gemini.textContent).toContain('Not set');
    const field = within(gemini).getByLabelText('Gemini API key') as HTMLInputElement;
    expect(field.type).toBe('password');
    await userEvent.type(field, 'AIza-fake-secret-gemini-key-0123');
    await userEvent.click(within(gemini).getByRole('button', { name: 'Save key' }));

    expect(await within(gemini).findByText('Saved. The key is not shown again.')).toBeTruthy();
    expect(field.value).toBe('');
    expect(gemini.textContent).toContain('Set in settings');
    expect(callsTo(backend, 'ai.updateSettings').map((c) => c.input)).toEqual([
      { apiKeys: { gemini: 'AIza-fake-secret-gemini-key-0123' } },
    ]);
    expect(document.body.innerHTML).not.toContain('AIza-fake-secret-gemini-key-0123');
  });

  it('refuses something too short to be a key before sending it', async () => {
    const { backend } = renderAi();
    const gemini = await keyForm('Gemini');
    await userEvent.type(within(gemini).getByLabelText('Gemini API key'), 'abc');
    await userEvent.click(within(gemini).getByRole('button', { name: 'Save key' }));
    expect(within(gemini).getByRole('alert').textContent).toBe('Too short to be an API key.');
    expect(callsTo(backend, 'ai.updateSettings')).toEqual([]);
  });

  it('removes the org’s own key, after which the server’s environment key applies', async () => {
    const { backend } = renderAi(aiBackend(aiSettings({ keys: { anthropic: 'org', gemini: 'none' } })));
    const anthropic = await keyForm('Anthropic');
    expect(
      within((await keyForm('Gemini')) as HTMLElement).queryByRole('button', { name: 'Remove' }),
    ).toBeNull();
    await userEvent.click(within(anthropic).getByRole('button', { name: 'Remove' }));
    expect(await within(anthropic).findByText('Removed.')).toBeTruthy();
    expect(anthropic.textContent).toContain('From the server’s environment');
    expect(within(anthropic).queryByRole('button', { name: 'Remove' })).toBeNull();
    expect(callsTo(backend, 'ai.updateSettings').map((c) => c.input)).toEqual([
      { apiKeys: { anthropic: null } },
    ]);
  });

  it('turns redaction and thread logging off as soon as each box is unticked', async () => {
    const { backend } = renderAi();
    const redaction = await screen.findByRole('checkbox', { name: /^Remove names, emails, phone numbers/ });
    await userEvent.click(redaction);
    await waitFor(() => expect(callsTo(backend, 'ai.updateSettings')).toHaveLength(1));
    await userEvent.click(screen.getByRole('checkbox', { name: /Log Gmail threads/ }));
    await waitFor(() => expect(callsTo(backend, 'ai.updateSettings')).toHaveLength(2));
    expect(callsTo(backend, 'ai.updateSettings').map((c) => c.input)).toEqual([
      { redaction: false },
      { logGmailThreads: false },
    ]);
    expect((redaction as HTMLInputElement).checked).toBe(false);
  });

  it('puts a box back and says why when the API refuses', async () => {
    renderAi({
      ...aiBackend(),
      'ai.updateSettings': () => {
        throw new FakeProcedureError('FORBIDDEN', 'requires the admin role');
      },
    });
    const box = await screen.findByRole('checkbox', { name: /Log Gmail threads/ });
    await userEvent.click(box);
    const form = screen.getByRole('form', { name: 'Log Gmail threads on the customer’s timeline' });
    expect((await within(form).findByRole('alert')).textContent).toMatch(/admin role/);
    expect((box as HTMLInputElement).checked).toBe(true);
  });

  it('picks a provider with its default model (blank), or names a model', async () => {
    const { backend } = renderAi();
    const form = await screen.findByRole('form', { name: 'AI provider' });
    await userEvent.selectOptions(within(form).getByLabelText('Provider'), 'gemini');
    expect((within(form).getByLabelText('Model') as HTMLInputElement).placeholder).toBe('gemini-2.5-flash');
    expect(form.textContent).toContain('No Gemini key is set');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Saved.')).toBeTruthy();
    await userEvent.type(within(form).getByLabelText('Model'), ' gemini-2.5-pro ');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(callsTo(backend, 'ai.updateSettings')).toHaveLength(2));
    expect(callsTo(backend, 'ai.updateSettings').map((c) => c.input)).toEqual([
      { provider: 'gemini', model: null },
      { provider: 'gemini', model: 'gemini-2.5-pro' },
    ]);
  });

  it('shows the last 30 days of usage per feature, per member and per provider and model', async () => {
    const usage: AiUsageOutput = {
      since: '2026-11-01T00:00:00.000Z',
      total: figures(1250, 3, 1_204_000, 88_500, 4.3211),
      byFeature: [
        { feature: 'thread.analysis', ...figures(1200, 3, 1_200_000, 88_000, 4.32) },
        { feature: 'embedding', ...figures(50, 0, 4000, 500, 0.0011) },
      ],
      byUser: [
        {
          userId: admin.user.id,
          name: 'Alex Admin',
          email: 'admin@cscx.localhost',
          ...figures(1240, 3, 1_200_000, 88_000, 4.32),
        },
        { userId: null, name: '', email: '', ...figures(10, 0, 4000, 500, 0.0011) },
      ],
      byProvider: [
        { provider: 'anthropic', model: 'claude-sonnet-4-5', ...figures(900, 3, 1_000_000, 80_000, 4.3211) },
        { provider: 'local', model: 'cscx-local-1', ...figures(350, 0, 204_000, 8500, 0) },
      ],
    };
    const { backend } = renderAi({ ...aiBackend(), 'ai.usage': () => usage });
    const section = await screen.findByRole('region', { name: 'Usage, last 30 days' });
    const table = async (caption: string) =>
      (await within(section).findByRole('table', { name: caption })).querySelectorAll('tbody tr');
    const rowsOf = async (caption: string) =>
      [...(await table(caption))].map((tr) => [...tr.children].map((cell) => cell.textContent));

    expect(await rowsOf('By feature')).toEqual([
      ['Thread analysis', '1,200', '3', '1,200,000', '88,000', '$4.32'],
      ['Embeddings (search)', '50', '0', '4,000', '500', '$0.0011'],
    ]);
    expect(await rowsOf('By member')).toEqual([
      ['Alex Admin (admin@cscx.localhost)', '1,240', '3', '1,200,000', '88,000', '$4.32'],
      ['No member (jobs and the CLI)', '10', '0', '4,000', '500', '$0.0011'],
    ]);
    expect(await rowsOf('By provider and model')).toEqual([
      ['Anthropic · claude-sonnet-4-5', '900', '3', '1,000,000', '80,000', '$4.3211'],
      ['Local · cscx-local-1', '350', '0', '204,000', '8,500', '$0.00'],
    ]);
    expect(section.textContent).toContain('1,250 calls (3 failed)');
    expect(callsTo(backend, 'ai.usage').map((c) => c.input)).toEqual([{ days: 30 }]);
  });

  it('says there were no calls rather than showing empty tables', async () => {
    renderAi();
    const section = await screen.findByRole('region', { name: 'Usage, last 30 days' });
    expect(await within(section).findByText('No AI calls in the last 30 days.')).toBeTruthy();
    expect(within(section).queryByRole('table')).toBeNull();
  });
});

describe('the AI section, for anyone else', () => {
  it('is not offered to a CSM, and its address asks nothing of the API', async () => {
    const { backend } = renderSettings({
      at: '#/ai',
      procedures: { ...aiBackend(), 'auth.me': () => meAs({ role: 'csm' }) },
    });
    expect(await screen.findByRole('heading', { name: 'AI is not open to you' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Settings' });
    expect(within(nav).queryByRole('link', { name: 'AI' })).toBeNull();
    expect(callsTo(backend, 'ai.settings')).toEqual([]);
    expect(callsTo(backend, 'ai.usage')).toEqual([]);
  });
});
