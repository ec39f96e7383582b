/** The org's ingest tokens in the cache: creating and revoking refresh it. */
export const ingestTokensKey = ['ingestTokens.list'] as const;
