import '../../sidebar/sidebar.css';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { createApiClient } from '../../lib/api-client.ts';
import { chromeSessionStore, requestBackendAccess } from '../../lib/chrome-session-store.ts';
import { readFrameAddress } from '../../lib/frame-address.ts';
import { portHostChannel } from '../../lib/host-context-source.ts';
import { chromeSidebarPreferences, memoryPreference } from '../../lib/sidebar-preferences.ts';
import { toggleSidebar } from '../../lib/sidebar-toggle.ts';
import { SidebarApp } from '../../sidebar/app.tsx';

const root = document.getElementById('root');
if (root) {
  const { host, docked } = readFrameAddress(window.location.search);
  const channel = portHostChannel(window.location);
  createRoot(root).render(
    <SidebarApp
      services={{
        session: chromeSessionStore(),
        hostContext: channel.hostContext,
        compose: channel.compose,
        host,
        lastTab: host ? chromeSidebarPreferences(host).lastTab : memoryPreference(null),
        // The content script owns the frame: the background forwards "hide" to this tab's.
        hideSidebar: docked
          ? () => void browser.runtime.sendMessage(toggleSidebar).catch(() => undefined)
          : null,
        connectApi: (target) => createApiClient(target),
        requestBackendAccess,
        openSettings: () => void browser.runtime.openOptionsPage(),
      }}
    />,
  );
}
