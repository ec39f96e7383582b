import type { SessionServices } from '../sidebar/session/session-services.tsx';

/**
 * Where the settings app runs. In the extension's options page the session lives in `chrome.storage`
 * and the user picks the backend; on the page the backend serves at `/app` it lives in the tab's
 * `sessionStorage` and the backend is the page's own origin.
 */
export interface SettingsPlatform extends SessionServices {
  kind: 'extension' | 'web';
}
