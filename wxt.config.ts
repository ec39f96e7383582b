import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'wxt';
import { toggleSidebarCommand } from './extension/lib/sidebar-toggle.ts';
import { inboxSdkAppIdProblem } from './tools/inboxsdk-app-id.ts';

/**
 * The public half of a development RSA key: it fixes the unpacked Chrome extension's id
 * (klfcdoandklhhhinoncifhffmglnldke) so the backend, docs and browser tests can name it. The private half
 * was never kept; the Chrome Web Store assigns its own key on upload.
 */
const publicKey =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEApkM9YVH+qlSLyeDscXh/hV2hufs6N8zBgTzSWJMyPdRDNUE1rIjUfq/+sQzRGRYxbO5ILgUy73MISoVE01dsjDuEp8jqekX+6Ldz5FrOOn/i78LuEZNUMGl2Isk1SFtWtwRS85XsbxDFZ102qnjrzTtab2xU4t44t6EuoDiQxihy+Ikx7pOMFkquoErM78IiJd3BpzbvmKk5hqGti0H4Qg+LY5gtuAf9DleLUj7EjxnYMjn/aKaq//Gw9V6wRbLZpJxARSejaLqjtMZZdgXw4ceQdUMoIyj1j5A3JPgUtwp19wMw97aD+fZNozFZ11Mc03qz/Vict/F0c/0i0/POVQIDAQAB';

const hostPages = [
  'https://mail.google.com/*',
  'https://calendar.google.com/*',
  'https://*.zoom.us/*',
  'https://zoom.us/*',
];
const localBackends = ['http://127.0.0.1/*', 'http://localhost/*'];

/** Gmail runs through InboxSDK, which needs a registered app id (README, "Gmail"); never invented here. */
const inboxSdkAppId = process.env.CSCX_INBOXSDK_APP_ID?.trim() ?? '';

export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  modules: ['@wxt-dev/module-react'],
  imports: false,
  vite: () => ({
    define: { 'import.meta.env.CSCX_INBOXSDK_APP_ID': JSON.stringify(inboxSdkAppId) },
  }),
  hooks: {
    'build:before': (wxt) => {
      const problem = wxt.config.browser === 'firefox' ? null : inboxSdkAppIdProblem(inboxSdkAppId);
      if (problem) wxt.logger.warn(problem);
    },
    // InboxSDK's background script injects pageWorld.js from the extension root into Gmail's page;
    // it is copied from the installed package, never fetched. Firefox has no Gmail support.
    'build:publicAssets': (wxt, files) => {
      if (wxt.config.browser === 'firefox') return;
      const require = createRequire(path.join(wxt.config.root, 'package.json'));
      files.push({
        absoluteSrc: require.resolve('@inboxsdk/core/pageWorld.js'),
        relativeDest: 'pageWorld.js',
      });
    },
  },
  manifest: ({ browser }) => ({
    name: 'CSCX',
    description: 'Customer context beside Gmail, Google Calendar and Zoom.',
    // `alarms` wakes the background every minute to count what waits for approval (the icon's badge).
    permissions: ['storage', 'scripting', 'alarms'],
    host_permissions: [...hostPages, ...localBackends],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    web_accessible_resources: [{ resources: ['sidebar.html'], matches: hostPages }],
    // The toolbar button and the shortcut both toggle the sidebar in the active tab (background.ts);
    // users can change the key at chrome://extensions/shortcuts.
    action: { default_title: 'Show or hide the CSCX sidebar' },
    commands: {
      [toggleSidebarCommand]: {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Show or hide the CSCX sidebar',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'cscx@cscx.localhost',
              strict_min_version: '128.0',
              // The extension sends what the user reads (participants' addresses, event and meeting
              // details) to the CSCX backend the user signs in to; nothing goes to anyone else.
              data_collection_permissions: {
                required: [
                  'personallyIdentifyingInfo',
                  'personalCommunications',
                  'websiteContent',
                  'authenticationInfo',
                ],
              },
            },
          },
        }
      : { key: publicKey }),
  }),
});
