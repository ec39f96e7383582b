interface ImportMetaEnv {
  /** InboxSDK app id from the build's CSCX_INBOXSDK_APP_ID (wxt.config.ts); empty when none was set. */
  readonly CSCX_INBOXSDK_APP_ID: string;
}
