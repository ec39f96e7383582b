import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AnalyzeThreadInput } from '../../../shared/api/threads.ts';
import type { ApiClient } from '../../lib/api-client.ts';

/**
 * Analyses the thread once per thread, customer and number of loaded messages: a query rather than a
 * mutation, so re-rendering or coming back to the tab reuses the answer, and a message that loads
 * later (a new key) asks again. The server's upsert by thread id makes a repeat harmless. Never
 * retried on its own: a refusal for too many calls would only be made worse.
 * When the thread went on the timeline, the customer's context is fetched again so the email shows.
 */
export function useThreadAnalysis(api: ApiClient, input: AnalyzeThreadInput | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: [
      'threads.analyze',
      input?.threadId ?? input?.subject,
      input?.messages.length,
      input?.customerId,
    ],
    queryFn: async () => {
      if (!input) throw new Error('no thread to analyse');
      const result = await api.threads.analyze.mutate(input);
      if (result.logged === 'recorded' || result.logged === 'updated')
        void queryClient.invalidateQueries({ queryKey: ['customer.lookup'] });
      return result;
    },
    enabled: input !== null,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
