-- Hand-written. The sign-in throttle (backend/auth/throttle.ts) also counts a signed-in user's wrong
-- current passwords (auth.changePassword), inside that user's org transaction as cscx_app. The table
-- holds no org data (address hashes, IPs, times), so it stays outside row-level security; no UPDATE.
GRANT SELECT, INSERT, DELETE ON sign_in_attempts TO cscx_app;
