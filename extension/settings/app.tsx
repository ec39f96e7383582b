import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { classifyApiError } from '../sidebar/connection/api-error.ts';
import { SessionServicesProvider } from '../sidebar/session/session-services.tsx';
import { mustChangePasswordFirst } from './api-errors.tsx';
import type { SettingsPlatform } from './platform.ts';
import { SettingsShell } from './shell.tsx';

/** The settings page: the extension's options page and, built separately, the backend's `/app`. */
export function SettingsApp({ platform }: { platform: SettingsPlatform }) {
  const [queryClient] = useState(settingsQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <SessionServicesProvider services={platform}>
        <SettingsShell kind={platform.kind} />
      </SessionServicesProvider>
    </QueryClientProvider>
  );
}

/**
 * Any call refused for an ended session or a one-time password re-asks `auth.me`, whose answer decides
 * the screen (signed out, or the forced password change): one place, not one check per section.
 */
function settingsQueryClient(): QueryClient {
  const recheckSession = (error: unknown) => {
    if (classifyApiError(error) === 'unauthorized' || mustChangePasswordFirst(error))
      void client.invalidateQueries({ queryKey: ['auth.me'] });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.queryKey[0] !== 'auth.me') recheckSession(error);
      },
    }),
    mutationCache: new MutationCache({ onError: recheckSession }),
    defaultOptions: { queries: { retry: false, staleTime: 30_000, refetchOnWindowFocus: false } },
  });
  return client;
}
