import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CalendarSyncStatus } from '../../../shared/api/calendar-sync.ts';
import type { ConnectionView, ListConnectionsOutput } from '../../../shared/api/connections.ts';
import { FakeProcedureError, type Procedure } from '../support/fake-backend.ts';
import { callsTo, meAs, renderSettings } from '../support/render-settings.tsx';

const csm = meAs({ role: 'csm' });

const providers: ListConnectionsOutput['providers'] = [
  {
    provider: 'google',
    label: 'Google (Gmail and Calendar)',
    owner: 'user',
    configured: true,
    canConnect: true,
    scopes: ['https://www.googleapis.com/auth/gmail.send'],
  },
  {
    provider: 'slack',
    label: 'Slack',
    owner: 'org',
    configured: true,
    canConnect: false,
    scopes: ['chat:write'],
  },
];

function aConnection(overrides: Partial<ConnectionView> = {}): ConnectionView {
  return {
    id: '00000000-0000-4000-8000-000000000101',
    provider: 'google',
    owner: 'user',
    account: 'dana@acme.example',
    scopes: [
      'https://www.googleapis.com/auth/gmail.send',
      'https://www.googleapis.com/auth/calendar.events.owned',
    ],
    expiresAt: '2026-12-01T12:00:00.000Z',
    connectedAt: '2026-11-30T09:00:00.000Z',
    connectedBy: 'Dana',
    lastSuccessAt: '2026-12-01T10:00:00.000Z',
    lastErrorAt: null,
    lastError: null,
    canDisconnect: true,
    ...overrides,
  };
}

function renderConnections(procedures: Record<string, Procedure>) {
  return renderSettings({ at: '#/connections', procedures: { 'auth.me': () => csm, ...procedures } });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the Connections section', () => {
  it("shows each connection's account, what it may do and that it works, and the org's Slack as an admin's to connect", async () => {
    renderConnections({
      'connections.list': () => ({
        providers,
        connections: [
          aConnection(),
          aConnection({
            id: '00000000-0000-4000-8000-000000000102',
            provider: 'slack',
            owner: 'org',
            account: 'Acme CS',
            canDisconnect: false,
            scopes: ['chat:write'],
          }),
        ],
      }),
    });
    const google = await screen.findByRole('list', { name: 'Google (Gmail and Calendar) connections' });
    const row = within(google).getByRole('listitem', { name: 'dana@acme.example' });
    expect(within(row).getByRole('status').textContent).toMatch(/^Working · last used/);
    expect(within(row).getByText('Send mail you approved')).toBeTruthy();
    expect(within(row).getByText('Create and sync events on your calendars')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Connect Google (Gmail and Calendar) again' })).toBeTruthy();

    const slack = screen.getByRole('list', { name: 'Slack connections' });
    expect(within(slack).getByText('For the whole org', { exact: false })).toBeTruthy();
    expect(within(slack).queryByRole('button', { name: /Disconnect/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Connect Slack' })).toBeNull();
  });

  it('says a connection is failing, since when and why, when its last error is newer than its last success', async () => {
    renderConnections({
      'connections.list': () => ({
        providers,
        connections: [
          aConnection({
            lastErrorAt: '2026-12-01T11:00:00.000Z',
            lastError: 'Google 400 invalid_grant: Token has been expired or revoked.',
          }),
        ],
      }),
    });
    const row = await screen.findByRole('listitem', { name: 'dana@acme.example' });
    expect(within(row).getByRole('status').textContent).toMatch(
      /^Failing since .*: Google 400 invalid_grant/,
    );
  });

  it("opens the provider's consent screen in a window of its own, and reads the list again on coming back", async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const { backend } = renderConnections({
      'connections.list': () => ({ providers, connections: [] }),
      'connections.start': () => ({
        authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth?state=abc',
        expiresAt: '2026-12-01T12:10:00.000Z',
      }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Connect Google (Gmail and Calendar)' }));
    await vi.waitFor(() => expect(open).toHaveBeenCalledTimes(1));
    expect(open.mock.calls[0]?.[0]).toBe('https://accounts.google.com/o/oauth2/v2/auth?state=abc');
    expect(callsTo(backend, 'connections.start')[0]?.input).toEqual({ provider: 'google' });

    const before = callsTo(backend, 'connections.list').length;
    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    await vi.waitFor(() => expect(callsTo(backend, 'connections.list').length).toBe(before + 1));
  });

  it('disconnects after asking, and shows the refusal when the provider did not confirm', async () => {
    let connections = [aConnection()];
    let refuse = true;
    const { backend } = renderConnections({
      'connections.list': () => ({ providers, connections }),
      'connections.disconnect': () => {
        if (refuse)
          throw new FakeProcedureError(
            'CONFLICT',
            'Google did not confirm the revocation (Google 503): try again',
          );
        connections = [];
        return { revocation: 'revoked' };
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Disconnect dana@acme.example' }));
    await userEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    expect((await screen.findByRole('alert')).textContent).toContain('did not confirm the revocation');

    refuse = false;
    await userEvent.click(screen.getByRole('button', { name: 'Disconnect dana@acme.example' }));
    await userEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    await vi.waitFor(() => expect(screen.queryByRole('listitem', { name: 'dana@acme.example' })).toBeNull());
    expect(callsTo(backend, 'connections.disconnect').map((c) => c.input)).toEqual([
      { id: aConnection().id },
      { id: aConnection().id },
    ]);
  });

  it('says when a provider is not set up on the server instead of offering to connect it', async () => {
    renderConnections({
      'connections.list': () => ({
        providers: providers.map((p) => ({ ...p, configured: false })),
        connections: [],
      }),
    });
    expect((await screen.findAllByText(/Not set up on this server/)).length).toBe(2);
    expect(screen.queryByRole('button', { name: /^Connect/ })).toBeNull();
  });

  it('shows my Calendar sync under my Google: when it ran, a failure with Retry, and Sync now queues a run', async () => {
    let status: CalendarSyncStatus = {
      connected: true,
      lastSyncedAt: '2026-12-01T10:00:00.000Z',
      lastRecorded: 3,
      lastError: 'Google Calendar answered 429: Rate Limit Exceeded',
      lastErrorAt: '2026-12-01T10:15:00.000Z',
      pending: false,
    };
    const { backend } = renderConnections({
      'connections.list': () => ({ providers, connections: [aConnection()] }),
      'calendarSync.status': () => status,
      'calendarSync.syncNow': () => {
        status = { ...status, pending: true };
        return status;
      },
    });
    const row = await screen.findByRole('listitem', { name: 'dana@acme.example' });
    expect((await within(row).findByText(/^Calendar sync failed/)).textContent).toMatch(
      /429: Rate Limit Exceeded$/,
    );
    await userEvent.click(within(row).getByRole('button', { name: 'Retry' }));
    expect(await within(row).findByRole('button', { name: 'Syncing…' })).toHaveProperty('disabled', true);
    expect(callsTo(backend, 'calendarSync.syncNow')).toHaveLength(1);

    status = {
      ...status,
      pending: false,
      lastSyncedAt: '2026-12-01T10:20:00.000Z',
      lastError: null,
      lastErrorAt: null,
    };
    expect(
      await within(row).findByText(
        /^Calendar synced .* · 3 customer meetings recorded or updated$/,
        {},
        { timeout: 5000 },
      ),
    ).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Sync now' })).toBeTruthy();
  });
});
