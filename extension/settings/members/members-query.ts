/** The members list's cache key: invitations, role changes and removals refresh it. */
export const membersKey = ['users.list'] as const;
