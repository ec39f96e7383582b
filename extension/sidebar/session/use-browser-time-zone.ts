import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { UserOutput } from '../../../shared/api/auth.ts';
import type { ApiClient } from '../../lib/api-client.ts';

/** The time zone this browser's clock is in ("America/Los_Angeles"). */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Keeps the signed-in member's time zone that of their browser: the backend reads "today", days to a
 * renewal and a call's "by Friday" on that clock, and a member never set it (it starts as UTC). Sent
 * once per difference; a member who must change their password first cannot change anything yet.
 */
export function useBrowserTimeZone(api: ApiClient, user: UserOutput | undefined, zone = browserTimeZone()) {
  const queryClient = useQueryClient();
  const wanted = user && !user.mustChangePassword && zone && user.timeZone !== zone ? zone : null;
  useEffect(() => {
    if (!wanted) return;
    api.auth.updateMe.mutate({ timeZone: wanted }).then(
      () => queryClient.invalidateQueries({ queryKey: ['auth.me'] }),
      // Not worth a word to the member: the next sign-in tries again.
      () => undefined,
    );
  }, [api, wanted, queryClient]);
}
