import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AiSettingsOutput, UpdateAiSettingsInput } from '../../../shared/api/ai.ts';
import type { ApiClient } from '../../lib/api-client.ts';

export const aiSettingsKey = ['ai.settings'] as const;

export function useAiSettings(api: ApiClient) {
  return useQuery({ queryKey: aiSettingsKey, queryFn: () => api.ai.settings.query() });
}

/**
 * One change to the org's AI settings; what the server answers replaces the shown settings, so every
 * part of the section (a key's status, the fallback chain) follows at once. Each control has its own,
 * so "Saved." and an error appear beside what was changed.
 */
export function useSaveAiSettings(api: ApiClient, onSaved?: (saved: AiSettingsOutput) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: UpdateAiSettingsInput) => api.ai.updateSettings.mutate(change),
    onSuccess: (saved) => {
      queryClient.setQueryData(aiSettingsKey, saved);
      onSaved?.(saved);
    },
  });
}
