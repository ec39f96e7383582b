import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { IngestTokenOutput } from '../../../shared/api/signals.ts';
import { callsTo, meAs, renderSettings } from '../support/render-settings.tsx';

const admin = meAs({ role: 'admin' });

let seq = 0;
function anIngestToken(overrides: Partial<IngestTokenOutput> = {}): IngestTokenOutput {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(7000 + seq).padStart(12, '0')}`,
    name: `Token ${seq}`,
    prefix: 'cscx_ing_ab12',
    createdAt: '2026-11-01T09:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

/** A backend that keeps the org's ingest tokens, creates and revokes them. */
function ingestBackend(tokens: IngestTokenOutput[]) {
  return {
    'auth.me': () => admin,
    'ingestTokens.list': () => tokens,
    'ingestTokens.create': (input: unknown) => {
      const info = anIngestToken({ name: (input as { name: string }).name });
      tokens.unshift(info);
      return { token: 'cscx_ing_ab12_the_whole_secret', info };
    },
    'ingestTokens.revoke': (input: unknown) => {
      const token = tokens.find((t) => t.id === (input as { id: string }).id);
      if (token) token.revokedAt = '2026-12-01T10:00:00.000Z';
      return { ok: true };
    },
  };
}

describe('Signal ingest settings, for an admin', () => {
  it('creates a token, shows it once, and lists it', async () => {
    const { backend } = renderSettings({ at: '#/ingest', procedures: ingestBackend([]) });
    expect(await screen.findByText('No ingest tokens yet.')).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Create an ingest token' });
    await userEvent.type(within(form).getByLabelText('Token name'), 'Analytics export');
    await userEvent.click(within(form).getByRole('button', { name: 'Create ingest token' }));
    const secret = (await within(form).findByLabelText(
      'New ingest token “Analytics export”',
    )) as HTMLInputElement;
    expect(secret.value).toBe('cscx_ing_ab12_the_whole_secret');
    expect(callsTo(backend, 'ingestTokens.create')[0]?.input).toEqual({ name: 'Analytics export' });
    const list = await screen.findByRole('list', { name: 'Ingest tokens' });
    expect(within(list).getByText('Analytics export')).toBeTruthy();

    await userEvent.click(within(form).getByRole('button', { name: 'Done' }));
    expect(document.body.textContent).not.toContain('the_whole_secret');
  });

  it('revokes a token after asking, and shows it as revoked', async () => {
    const tokens = [anIngestToken({ name: 'Billing sync', lastUsedAt: '2026-11-30T08:00:00.000Z' })];
    const { backend } = renderSettings({ at: '#/ingest', procedures: ingestBackend(tokens) });
    const list = await screen.findByRole('list', { name: 'Ingest tokens' });
    await userEvent.click(within(list).getByRole('button', { name: 'Revoke Billing sync' }));
    expect(within(list).getByText("Revoke 'Billing sync'? Its next request is refused.")).toBeTruthy();
    await userEvent.click(within(list).getByRole('button', { name: 'Revoke' }));
    expect(await within(list).findByText(/revoked/)).toBeTruthy();
    expect(callsTo(backend, 'ingestTokens.revoke')[0]?.input).toEqual({ id: tokens[0]!.id });
    expect(within(list).queryByRole('button', { name: 'Revoke Billing sync' })).toBeNull();
  });

  it('shows the endpoint on the backend signed in to, with a curl example', async () => {
    renderSettings({ at: '#/ingest', procedures: ingestBackend([]) });
    const example = await screen.findByText(/curl -X POST/);
    expect(example.textContent).toMatch(/curl -X POST https?:\/\/[^ ]+\/ingest\/v1\/events/);
    expect(example.textContent).toContain('Authorization: Bearer cscx_ing_');
  });

  it('is not offered to a CSM', async () => {
    renderSettings({ at: '#/account', procedures: { 'auth.me': () => meAs({ role: 'csm' }) } });
    const nav = await screen.findByRole('navigation', { name: 'Settings' });
    expect(within(nav).queryByRole('link', { name: 'Signal ingest' })).toBeNull();
  });
});
