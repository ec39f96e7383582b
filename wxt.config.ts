import { defineConfig } from 'wxt';

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

export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  modules: ['@wxt-dev/module-react'],
  imports: false,
  manifest: ({ browser }) => ({
    name: 'CSCX',
    description: 'Customer context beside Gmail, Google Calendar and Zoom.',
    permissions: ['storage', 'scripting'],
    host_permissions: [...hostPages, ...localBackends],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    web_accessible_resources: [{ resources: ['sidebar.html'], matches: hostPages }],
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
