import { createHash } from 'node:crypto';

/**
 * InboxSDK app ids look like `sdk_<name>_<first 10 hex of sha1(name)>`, the name 5–15 characters; InboxSDK
 * checks that offline and shows a "Register Your App" banner in Gmail when it fails. Register one at
 * https://www.inboxsdk.com/register.
 */
const appIdShape = /^sdk_(.{5,15})_([0-9a-f]{10})$/;

export function inboxSdkAppIdFor(name: string): string {
  return `sdk_${name}_${sha1(name).slice(0, 10)}`;
}

/** Why the build's app id will not work in Gmail, or null when it is well-formed. */
export function inboxSdkAppIdProblem(appId: string): string | null {
  if (!appId) return 'CSCX_INBOXSDK_APP_ID is not set: the Chrome build has no Gmail sidebar.';
  const match = appIdShape.exec(appId);
  if (!match?.[1] || match[2] !== sha1(match[1]).slice(0, 10))
    return `CSCX_INBOXSDK_APP_ID "${appId}" is not an InboxSDK app id: Gmail will show InboxSDK's "Register Your App" banner.`;
  return null;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
