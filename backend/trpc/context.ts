import type { PublicDeps } from '../deps.ts';

/** What a request starts with; each base in procedures.ts replaces `deps` with what its handlers get. */
export interface RequestContext {
  deps: PublicDeps;
  bearerToken: string | undefined;
  ip: string;
}
