import type { ConnectionDeps } from '../../integrations/connections/with-connection.ts';
import type { StoredPayload } from '../schema.ts';
import type { StartedRun } from './run-state.ts';

/**
 * How one outbound kind is carried out through its vendor. Each makes a repeated run harmless with
 * a key derived from the action's id, that the vendor keeps with what it made (Gmail a Message-ID,
 * Calendar the event's id, Slack the message's metadata).
 */
export interface OutsideExecutor {
  /** Carries the action out; `run.retry`: an earlier run may have reached the vendor first. */
  run(deps: ConnectionDeps, run: StartedRun): Promise<StoredPayload>;
  /**
   * What an earlier run left at the vendor, when it did: how a worker that died mid-call is told
   * from one that never reached the vendor, before the action is recorded dead.
   */
  findEarlier(deps: ConnectionDeps, run: StartedRun): Promise<StoredPayload | undefined>;
}
