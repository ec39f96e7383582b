// Injects InboxSDK's pageWorld.js into Gmail's main world when the Gmail content script asks.
import '@inboxsdk/core/background';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { relaySidebarPorts } from '../lib/sidebar-relay.ts';

export default defineBackground(() => {
  relaySidebarPorts(browser.runtime.onConnect);
});
