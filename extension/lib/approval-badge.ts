import { browser } from 'wxt/browser';
import { z } from 'zod';
import { classifyApiError } from '../sidebar/connection/api-error.ts';
import type { ApiClient, ApiTarget } from './api-client.ts';
import type { SessionStore } from './session-store.ts';

/**
 * The toolbar icon's badge: how many actions wait for the signed-in user's decision. An MV3 service
 * worker is stopped when idle, so it cannot hold a stream or a timer: an alarm wakes it every minute
 * to ask `actions.waitingCount`, and a decision taken in the sidebar or settings asks at once.
 */
export const approvalAlarm = 'cscx/approval-badge';
export const approvalPollMinutes = 1;
const badgeColour = '#b42318';

/** Sent by an extension page after it approved, edited or rejected an action. */
export const approvalsChangedMessage = z.object({ type: z.literal('cscx/approvals-changed') });
export const approvalsChanged: z.infer<typeof approvalsChangedMessage> = { type: 'cscx/approvals-changed' };

/** The slice of `chrome.action` the badge uses. */
export interface BadgeSurface {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
}

/** The slice of `chrome.alarms` the poll uses. */
export interface AlarmSurface {
  create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): Promise<void> | void;
  onAlarm: { addListener(listener: (alarm: { name: string }) => void): void };
}

export interface ApprovalBadgeDeps {
  badge: BadgeSurface;
  session: Pick<SessionStore, 'load' | 'subscribe'>;
  connectApi(target: ApiTarget): ApiClient;
}

/** Nothing when none wait; past 99 the badge's four characters would be cut, so "99+". */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

/**
 * Sets the badge from the backend's count. Signed out, or a token the backend refused: cleared. A
 * backend that cannot be reached leaves the last count, which the next alarm corrects.
 */
export function approvalBadge(deps: ApprovalBadgeDeps): { refresh(): Promise<void> } {
  let shown: string | null = null;
  const show = async (text: string) => {
    if (text === shown) return;
    shown = text;
    if (text) await deps.badge.setBadgeBackgroundColor({ color: badgeColour });
    await deps.badge.setBadgeText({ text });
  };
  return {
    async refresh() {
      const session = await deps.session.load();
      if (!session.token) return show('');
      try {
        const { count } = await deps.connectApi(session).actions.waitingCount.query();
        await show(badgeText(count));
      } catch (error) {
        if (classifyApiError(error) === 'unauthorized') await show('');
      }
    },
  };
}

/** Wires the badge to its alarm, to sign-in and sign-out, and to the pages' "approvals changed". */
export function startApprovalBadge(
  deps: ApprovalBadgeDeps & {
    alarms: AlarmSurface;
    onMessage: { addListener(listener: (message: unknown, sender: { id?: string }) => void): void };
    extensionId: string;
  },
): void {
  const badge = approvalBadge(deps);
  const refresh = () => void badge.refresh();
  void deps.alarms.create(approvalAlarm, { periodInMinutes: approvalPollMinutes });
  deps.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === approvalAlarm) refresh();
  });
  deps.session.subscribe(refresh);
  deps.onMessage.addListener((message, sender) => {
    if (sender.id === deps.extensionId && approvalsChangedMessage.safeParse(message).success) refresh();
  });
  refresh();
}

/**
 * From a page of the extension (the sidebar, the options page): the badge counts again now. The
 * settings page the backend serves is no extension page and has no runtime: nothing to tell.
 */
export function notifyApprovalsChanged(): void {
  const runtime = (
    browser as { runtime?: { id?: string; sendMessage(m: unknown): Promise<unknown> } } | undefined
  )?.runtime;
  if (!runtime?.id) return;
  void runtime.sendMessage(approvalsChanged).catch(() => undefined);
}
