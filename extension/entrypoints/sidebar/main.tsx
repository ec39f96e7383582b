import '../../sidebar/sidebar.css';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { createApiClient } from '../../lib/api-client.ts';
import { portHostContextSource } from '../../lib/host-context-source.ts';
import { chromeSessionStore, isLocalBackend } from '../../lib/session-store.ts';
import { SidebarApp } from '../../sidebar/app.tsx';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <SidebarApp
      services={{
        session: chromeSessionStore(),
        hostContext: portHostContextSource(window.location),
        connectApi: (target) => createApiClient(target),
        requestBackendAccess: (url) =>
          isLocalBackend(url)
            ? Promise.resolve(true)
            : browser.permissions.request({ origins: [`${url}/*`] }),
      }}
    />,
  );
}
