/** The bench seals nothing it keeps: a fixed key, never one generated into a data folder. */
export const benchSecretKey = Buffer.alloc(32, 9);
