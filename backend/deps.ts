import type { Logger } from 'pino';
import type { Principal } from './auth/principal.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { OrgRunner, Transactions } from './db/tenancy.ts';
import type { RateLimits } from './rate-limits/call-limiter.ts';
import type { SecretBox } from './secrets/secret-box.ts';

/**
 * What every service is handed, passed in and never imported. No database handle is here: a
 * service reaches the database only through what its base gives it below, so nothing can open a
 * second transaction beside the request's own (the embedded database has one connection).
 */
export interface AppDeps {
  clock: Clock;
  log: Logger;
  config: Config;
  limits: RateLimits;
  /** Seals and opens secrets at rest (API keys, OAuth tokens). */
  secrets: SecretBox;
}

/** Before anyone is signed in (signing in, accepting an invitation): short transactions of its own. */
export interface PublicDeps extends AppDeps {
  transactions: Transactions;
}

/** Short CRUD: the request's one transaction, as `cscx_app` with the caller's org set. */
export interface OrgDeps extends AppDeps {
  db: Db;
  principal: Principal;
}

/**
 * Work that streams, waits on a model, calls an outside API or runs long: no transaction is open
 * while it runs; each `inOrg` is a short org-scoped transaction of its own.
 */
export interface StreamingDeps extends AppDeps, OrgRunner {
  principal: Principal;
}
