import type { ConnectionProvider } from '../../../shared/api/connections.ts';
import { googleProvider } from './google.ts';
import type { ProviderDescription } from './provider.ts';
import { slackProvider } from './slack.ts';
import { zoomProvider } from './zoom.ts';

/** Every provider CSCX connects to, by name: the one place a new one is added. */
export const providers = {
  google: googleProvider,
  slack: slackProvider,
  zoom: zoomProvider,
} as const satisfies Record<ConnectionProvider, ProviderDescription<unknown>>;

/** The client `withConnection` hands its work for a provider (Google's clients, Slack's WebClient). */
export type ProviderClient<P extends ConnectionProvider> = ReturnType<(typeof providers)[P]['client']>;

export function providerOf<P extends ConnectionProvider>(name: P): (typeof providers)[P] {
  return providers[name];
}
