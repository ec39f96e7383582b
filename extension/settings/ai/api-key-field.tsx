import { type FormEvent, useId, useState } from 'react';
import { type AiSettingsOutput, updateAiSettingsInput } from '../../../shared/api/ai.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { ErrorAlert } from '../api-errors.tsx';
import { providerNames, type RemoteProvider } from './ai-labels.ts';
import { useSaveAiSettings } from './ai-settings-query.ts';

type KeySource = AiSettingsOutput['keys'][RemoteProvider];

const sourceWords: Record<KeySource, string> = {
  org: 'Set in settings',
  environment: 'From the server’s environment',
  none: 'Not set',
};

/**
 * A remote provider's API key, write-only: the field only ever holds what the admin is typing, is
 * emptied once the key is saved, and the page shows afterwards only where a key comes from.
 */
export function ApiKeyField({
  api,
  provider,
  source,
}: {
  api: ApiClient;
  provider: RemoteProvider;
  source: KeySource;
}) {
  const id = useId();
  const name = providerNames[provider];
  const [draft, setDraft] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [done, setDone] = useState<'saved' | 'removed' | null>(null);
  const save = useSaveAiSettings(api);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const change = { apiKeys: { [provider]: draft } };
    const checked = updateAiSettingsInput.safeParse(change);
    setInvalid(checked.success ? null : (checked.error.issues[0]?.message ?? 'not an API key'));
    if (!checked.success) return;
    save.mutate(checked.data, {
      onSuccess: () => {
        setDraft('');
        setDone('saved');
      },
    });
  };
  const remove = () =>
    save.mutate({ apiKeys: { [provider]: null } }, { onSuccess: () => setDone('removed') });
  return (
    <form onSubmit={submit} aria-label={`${name} API key`} className="api-key">
      <div className="api-key-head">
        <label htmlFor={id}>{name} API key</label>
        <span className={`key-source key-${source}`}>{sourceWords[source]}</span>
      </div>
      <div className="api-key-entry">
        <input
          id={id}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={source === 'none' ? 'Paste a key' : 'Paste a new key to replace it'}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            setInvalid(null);
            setDone(null);
          }}
        />
        <button type="submit" disabled={save.isPending || draft.trim() === ''}>
          Save key
        </button>
        {source === 'org' && (
          <button type="button" className="danger" disabled={save.isPending} onClick={remove}>
            Remove
          </button>
        )}
      </div>
      {source === 'environment' && (
        <p className="muted small">A key saved here is used instead, for this organisation.</p>
      )}
      {invalid && (
        <p role="alert" className="error">
          {invalid.charAt(0).toUpperCase() + invalid.slice(1)}.
        </p>
      )}
      {save.isError && <ErrorAlert error={save.error} />}
      {done && (
        <p role="status" className="small">
          {done === 'saved' ? 'Saved. The key is not shown again.' : 'Removed.'}
        </p>
      )}
    </form>
  );
}
