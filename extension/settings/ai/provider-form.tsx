import { type FormEvent, useId, useState } from 'react';
import { type AiProviderName, type AiSettingsOutput, aiProviderNames } from '../../../shared/api/ai.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { ErrorAlert } from '../api-errors.tsx';
import { providerChoices, providerNames } from './ai-labels.ts';
import { useSaveAiSettings } from './ai-settings-query.ts';

/** Which provider answers first, and which of its models; a blank model is the provider's default. */
export function ProviderForm({ api, settings }: { api: ApiClient; settings: AiSettingsOutput }) {
  const ids = useId();
  const [provider, setProvider] = useState<AiProviderName>(settings.provider);
  const [model, setModel] = useState(settings.model ?? '');
  const save = useSaveAiSettings(api, (saved) => setModel(saved.model ?? ''));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ provider, model: model.trim() || null });
  };
  const defaultModel = settings.defaultModels[provider];
  const keyMissing = provider !== 'local' && settings.keys[provider] === 'none';
  return (
    <form onSubmit={submit} aria-label="AI provider">
      <label htmlFor={`${ids}-provider`}>Provider</label>
      <select
        id={`${ids}-provider`}
        value={provider}
        onChange={(event) => {
          const next = aiProviderNames.find((p) => p === event.target.value) ?? 'local';
          setProvider(next);
          // A model name belongs to one provider: another provider starts at its default.
          if (next !== settings.provider) setModel('');
          save.reset();
        }}
      >
        {aiProviderNames.map((p) => (
          <option key={p} value={p}>
            {providerChoices[p]}
          </option>
        ))}
      </select>
      {keyMissing && (
        <p className="warning-text small">
          No {providerNames[provider]} key is set: calls go to the next provider in the chain until one is.
        </p>
      )}
      <label htmlFor={`${ids}-model`}>Model</label>
      <input
        id={`${ids}-model`}
        value={model}
        placeholder={defaultModel}
        aria-describedby={`${ids}-model-help`}
        spellCheck={false}
        onChange={(event) => {
          setModel(event.target.value);
          save.reset();
        }}
      />
      <p id={`${ids}-model-help`} className="muted small">
        Leave blank for the default
        {defaultModel ? (
          <>
            , <code>{defaultModel}</code>
          </>
        ) : null}
        .
      </p>
      {save.isError && <ErrorAlert error={save.error} />}
      {save.isSuccess && (
        <p role="status" className="small">
          Saved.
        </p>
      )}
      <button type="submit" className="primary" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save'}
      </button>
    </form>
  );
}
