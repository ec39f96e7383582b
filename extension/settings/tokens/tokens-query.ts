/** One user's token list in the cache: creating and revoking refresh it. */
export const tokensKey = (userId: string) => ['tokens.list', userId] as const;
