import '../sidebar/sidebar.css';
import '../settings/settings.css';
import { createRoot } from 'react-dom/client';
import { createApiClient } from '../lib/api-client.ts';
import { webSessionStore } from '../lib/web-session-store.ts';
import { SettingsApp } from '../settings/app.tsx';

/** The settings app as the backend serves it at `/app`: same origin, token in this tab only. */
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <SettingsApp
      platform={{
        kind: 'web',
        session: webSessionStore(window.sessionStorage, window.location.origin),
        connectApi: (target) => createApiClient(target),
        requestBackendAccess: async () => true,
      }}
    />,
  );
}
