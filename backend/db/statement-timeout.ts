/**
 * What one statement of a request (or of a job's short transaction) may take, set LOCAL in each of
 * their transactions. The embedded database cannot interrupt a statement (PGlite has no timer
 * signals), so there it bounds nothing; on a real server it does.
 */
export const requestStatementTimeout = '5s';
