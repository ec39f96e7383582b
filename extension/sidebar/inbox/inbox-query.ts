/** Every actions list in the cache (the Inbox's groups, its history, the settings page's lists). */
export const actionsKey = ['actions.list'] as const;

/** The count the icon badge and the Inbox's tab show. */
export const waitingCountKey = ['actions.waitingCount'] as const;
