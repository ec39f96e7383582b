// Injects InboxSDK's pageWorld.js into Gmail's main world when the Gmail content script asks.
import '@inboxsdk/core/background';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { relaySidebarPorts } from '../lib/sidebar-relay.ts';
import { toggleSidebarCommand, toggleSidebarInTab, toggleSidebarMessage } from '../lib/sidebar-toggle.ts';

export default defineBackground(() => {
  relaySidebarPorts(browser.runtime.onConnect);

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
