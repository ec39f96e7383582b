/** The connections list in the cache: connecting and disconnecting refresh it. */
export const connectionsKey = ['connections.list'] as const;
