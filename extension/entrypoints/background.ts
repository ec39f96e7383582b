import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { relaySidebarPorts } from '../lib/sidebar-relay.ts';

export default defineBackground(() => {
  relaySidebarPorts(browser.runtime.onConnect);
});
