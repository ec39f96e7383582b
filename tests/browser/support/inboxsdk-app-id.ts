import { inboxSdkAppIdFor } from '../../../tools/inboxsdk-app-id.ts';

/** Well-formed, so InboxSDK shows no "Register Your App" banner; never registered, so it identifies nobody. */
export const testInboxSdkAppId = inboxSdkAppIdFor('cscxtests');
