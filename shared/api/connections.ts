import { z } from 'zod';
import { id, isoDateTime } from './common.ts';

/**
 * Outside accounts CSCX acts through. Google belongs to one user (their mailbox and calendar), Slack
 * to the whole org (one bot in the workspace), Zoom to the whole org (its account's cloud recordings).
 */
export const connectionProviders = ['google', 'slack', 'zoom'] as const;
export type ConnectionProvider = (typeof connectionProviders)[number];
export type ConnectionOwner = 'user' | 'org';

export const startConnectionInput = z.object({ provider: z.enum(connectionProviders) });
export type StartConnectionInput = z.infer<typeof startConnectionInput>;

export const startConnectionOutput = z.object({
  /** Opened in a new window: the provider's consent screen, which comes back to `/oauth/callback/<provider>`. */
  authorizationUrl: z.url(),
  /** The link works once, until then. */
  expiresAt: isoDateTime,
});

/** What settings shows of a connection: never a token. */
export const connectionView = z.object({
  id,
  provider: z.enum(connectionProviders),
  owner: z.enum(['user', 'org']),
  /** The outside account: the Google address, the Slack workspace. */
  account: z.string(),
  scopes: z.array(z.string()),
  /** When the access token lapses (refreshed ahead of it); null: it does not lapse. */
  expiresAt: isoDateTime.nullable(),
  connectedAt: isoDateTime,
  connectedBy: z.string(),
  lastSuccessAt: isoDateTime.nullable(),
  lastErrorAt: isoDateTime.nullable(),
  lastError: z.string().nullable(),
  /** The caller may disconnect it: their own, or the org's for an admin. */
  canDisconnect: z.boolean(),
});
export type ConnectionView = z.infer<typeof connectionView>;

export const providerView = z.object({
  provider: z.enum(connectionProviders),
  label: z.string(),
  owner: z.enum(['user', 'org']),
  /** The server has a client id and secret for it. */
  configured: z.boolean(),
  /** The caller's role lets them connect it (the org's Slack needs an admin). */
  canConnect: z.boolean(),
  scopes: z.array(z.string()),
});

export const listConnectionsOutput = z.object({
  providers: z.array(providerView),
  /** The caller's own connections and the org's. */
  connections: z.array(connectionView),
});
export type ListConnectionsOutput = z.infer<typeof listConnectionsOutput>;

export const disconnectInput = z.object({ id });
export const disconnectOutput = z.object({
  /** `already_invalid`: the provider no longer knew the token (revoked at the vendor, or lapsed). */
  revocation: z.enum(['revoked', 'already_invalid']),
});
