// Injects InboxSDK's pageWorld.js into Gmail's main world when the Gmail content script asks.
import '@inboxsdk/core/background';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createApiClient } from '../lib/api-client.ts';
import { startApprovalBadge } from '../lib/approval-badge.ts';
import { chromeSessionStore } from '../lib/chrome-session-store.ts';
import { inboxHealthListener, inboxHealthRelay } from '../lib/inbox-health-relay.ts';
import { relaySidebarPorts } from '../lib/sidebar-relay.ts';
import { toggleSidebarCommand, toggleSidebarInTab, toggleSidebarMessage } from '../lib/sidebar-toggle.ts';

export default defineBackground(() => {
  relaySidebarPorts(browser.runtime.onConnect);
  // Gmail's inbox badges: the content script's pages of rows, looked up with the signed-in session.
  const inboxHealth = inboxHealthRelay({
    session: chromeSessionStore(),
    connectApi: (t) => createApiClient(t),
  });
  browser.runtime.onMessage.addListener(inboxHealthListener(inboxHealth, browser.runtime.id));
  // The icon's badge: what waits for the signed-in user's decision, polled on an alarm.
  startApprovalBadge({
    badge: browser.action,
    alarms: browser.alarms,
    session: chromeSessionStore(),
    connectApi: (t) => createApiClient(t),
    onMessage: browser.runtime.onMessage,
    extensionId: browser.runtime.id,
  });

  const toggle = (tabId: number | undefined) =>
    void toggleSidebarInTab(
      {
        sendToTab: (id, message) => browser.tabs.sendMessage(id, message, { frameId: 0 }),
        openSettings: () => browser.runtime.openOptionsPage(),
      },
      tabId,
    );
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === toggleSidebarCommand) toggle(tab?.id);
  });
  browser.action.onClicked.addListener((tab) => toggle(tab.id));
  // A sidebar page's own "Hide" button, for the tab it is framed in.
  const sidebarPage = browser.runtime.getURL('/sidebar.html');
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const fromSidebar = sender.id === browser.runtime.id && sender.url?.startsWith(sidebarPage);
    if (fromSidebar && toggleSidebarMessage.safeParse(message).success) toggle(sender.tab?.id);
  });
});
