import type { AnalyzeThreadInput } from '../../shared/api/threads.ts';

/**
 * The structured form of each kind of model call, which the local provider answers from directly.
 * A feature adds its kind here and its handler in `providers/local/`.
 */
export interface LocalTaskInputs {
  'thread.analysis': {
    subject: string;
    messages: AnalyzeThreadInput['messages'];
    /** Addresses of the org's own people: their messages are "ours", the others the customer's. */
    ownAddresses: string[];
    /** When the analysis is made: relative dates ("by Friday") resolve against each message's date or this. */
    now: string;
  };
}

export type LocalTask = {
  [K in keyof LocalTaskInputs]: { kind: K; input: LocalTaskInputs[K] };
}[keyof LocalTaskInputs];
