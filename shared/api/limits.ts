/**
 * The most procedure calls one HTTP request may carry. The server answers a larger batch with 400;
 * the client splits its batches at the same size, so it never sends one.
 */
export const maxCallsPerBatch = 10;
