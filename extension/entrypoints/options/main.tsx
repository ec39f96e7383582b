import '../../sidebar/sidebar.css';
import '../../settings/settings.css';
import { createRoot } from 'react-dom/client';
import { createApiClient } from '../../lib/api-client.ts';
import { chromeSessionStore, requestBackendAccess } from '../../lib/chrome-session-store.ts';
import { SettingsApp } from '../../settings/app.tsx';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <SettingsApp
      platform={{
        kind: 'extension',
        session: chromeSessionStore(),
        connectApi: (target) => createApiClient(target),
        requestBackendAccess,
      }}
    />,
  );
}
