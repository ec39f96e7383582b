import { defineContentScript } from 'wxt/utils/define-content-script';
import { inboxSdkGmailHost } from '../hosts/gmail/gmail-host.ts';
import { loadInboxSdk } from '../hosts/gmail/load-inboxsdk.ts';
import { mountGmail } from '../hosts/gmail/mount.ts';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  // InboxSDK does not support Firefox: the Firefox build has no Gmail content script.
  exclude: ['firefox'],
  runAt: 'document_end',
  main: async (ctx) => {
    const appId = import.meta.env.CSCX_INBOXSDK_APP_ID;
    if (!appId) {
      console.warn('CSCX was built without CSCX_INBOXSDK_APP_ID: the Gmail sidebar is off.');
      return;
    }
    const sdk = await loadInboxSdk(appId);
    if (ctx.isInvalid) return sdk.destroy();
    ctx.onInvalidated(() => sdk.destroy());
    mountGmail(ctx, inboxSdkGmailHost(sdk));
  },
});
