import * as InboxSDK from '@inboxsdk/core';

/**
 * InboxSDK reports usage events and every uncaught page error to its makers by default; both are off.
 * Its own internal errors still go to api.inboxsdk.com (see the README's privacy note).
 */
export const inboxSdkOptions = { eventTracking: false, globalErrorLogging: false } as const;

export function loadInboxSdk(appId: string): Promise<InboxSDK.InboxSDK> {
  return InboxSDK.load(2, appId, inboxSdkOptions);
}
