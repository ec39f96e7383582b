import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../extension/lib/api-client.ts';
import {
  type AlarmSurface,
  approvalAlarm,
  approvalsChanged,
  badgeText,
  startApprovalBadge,
} from '../../extension/lib/approval-badge.ts';
import type { Session } from '../../extension/lib/session-store.ts';
import { FakeProcedureError, fakeBackend } from './support/fake-backend.ts';
import { memorySessionStore, signedIn, signedOut } from './support/sidebar-builders.ts';

const extensionId = 'klfcdoandklhhhinoncifhffmglnldke';

/** `chrome.action`, `chrome.alarms` and `runtime.onMessage` as plain objects the test drives. */
function aFakeChrome() {
  const badge = { text: '', colour: '', texts: [] as string[] };
  const alarms: { name: string; periodInMinutes: number }[] = [];
  const alarmListeners: ((alarm: { name: string }) => void)[] = [];
  const messageListeners: ((message: unknown, sender: { id?: string }) => void)[] = [];
  return {
    badge,
    alarms,
    action: {
      async setBadgeText({ text }: { text: string }) {
        badge.text = text;
        badge.texts.push(text);
      },
      async setBadgeBackgroundColor({ color }: { color: string }) {
        badge.colour = color;
      },
    },
    alarmsApi: {
      create(name, info) {
        alarms.push({ name, periodInMinutes: info.periodInMinutes });
      },
      onAlarm: { addListener: (listener) => void alarmListeners.push(listener) },
    } satisfies AlarmSurface,
    onMessage: {
      addListener: (listener: (typeof messageListeners)[number]) => void messageListeners.push(listener),
    },
    fireAlarm: (name: string) => {
      for (const listener of alarmListeners) listener({ name });
    },
    send: (message: unknown, sender: { id?: string }) => {
      for (const listener of messageListeners) listener(message, sender);
    },
  };
}

function aBadge(initial: Session = signedIn) {
  const chrome = aFakeChrome();
  let waiting: number | Error = 3;
  const backend = fakeBackend({
    'actions.waitingCount': () => {
      if (waiting instanceof Error) throw waiting;
      return { count: waiting };
    },
  });
  const store = memorySessionStore(initial);
  startApprovalBadge({
    badge: chrome.action,
    alarms: chrome.alarmsApi,
    onMessage: chrome.onMessage,
    extensionId,
    session: store,
    connectApi: (target) => createApiClient(target, backend.fetch),
  });
  const asked = () => backend.calls.filter((c) => c.path === 'actions.waitingCount').length;
  return {
    chrome,
    store,
    backend,
    asked,
    waits: (next: number | Error) => {
      waiting = next;
    },
  };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('the icon’s approval badge', () => {
  it('shows what waits at start, and polls on a one-minute alarm', async () => {
    const { chrome, asked, waits } = aBadge();
    await settled();
    expect(chrome.alarms).toEqual([{ name: approvalAlarm, periodInMinutes: 1 }]);
    expect(chrome.badge.text).toBe('3');
    expect(chrome.badge.colour).not.toBe('');
    waits(0);
    chrome.fireAlarm(approvalAlarm);
    await settled();
    expect(asked()).toBe(2);
    expect(chrome.badge.text).toBe('');
    chrome.fireAlarm('someone-else’s-alarm');
    await settled();
    expect(asked()).toBe(2);
  });

  it('counts again at once when an extension page says approvals changed, not when anyone else does', async () => {
    const { chrome, asked, waits } = aBadge();
    await settled();
    waits(2);
    chrome.send(approvalsChanged, { id: 'another-extension' });
    chrome.send({ type: 'something-else' }, { id: extensionId });
    await settled();
    expect(asked()).toBe(1);
    chrome.send(approvalsChanged, { id: extensionId });
    await settled();
    expect(asked()).toBe(2);
    expect(chrome.badge.text).toBe('2');
  });

  it('clears on sign-out without asking the backend, and when the backend refuses the token', async () => {
    const { chrome, store, asked, waits } = aBadge();
    await settled();
    expect(chrome.badge.text).toBe('3');
    await store.save(signedOut);
    await settled();
    expect(chrome.badge.text).toBe('');
    expect(asked()).toBe(1);

    await store.save(signedIn);
    await settled();
    expect(chrome.badge.text).toBe('3');
    waits(new FakeProcedureError('UNAUTHORIZED'));
    chrome.fireAlarm(approvalAlarm);
    await settled();
    expect(chrome.badge.text).toBe('');
  });

  it('keeps the last count while the backend cannot be reached', async () => {
    const { chrome, backend } = aBadge();
    await settled();
    backend.down = true;
    chrome.fireAlarm(approvalAlarm);
    await settled();
    expect(chrome.badge.text).toBe('3');
  });

  it('writes nothing to the badge when the count has not changed', async () => {
    const { chrome } = aBadge();
    await settled();
    chrome.fireAlarm(approvalAlarm);
    await settled();
    expect(chrome.badge.texts).toEqual(['3']);
  });
});

describe('the badge’s text', () => {
  it('is empty at zero, the count up to 99, then 99+', () => {
    expect([0, 1, 99, 100, 1234].map(badgeText)).toEqual(['', '1', '99', '99+', '99+']);
  });
});
