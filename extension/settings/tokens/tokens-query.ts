/** Every token list in the cache: creating and revoking refresh them all (one user's, or everyone's). */
export const allTokensKey = ['tokens.list'] as const;

/** One user's token list in the cache. */
export const tokensKey = (userId: string) => [...allTokensKey, userId] as const;

/** An admin's list of the whole org's tokens. */
export const everyonesTokensKey = [...allTokensKey, 'everyone'] as const;
