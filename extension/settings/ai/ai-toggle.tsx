import { type ReactNode, useId, useState } from 'react';
import type { ApiClient } from '../../lib/api-client.ts';
import { ErrorAlert } from '../api-errors.tsx';
import { useSaveAiSettings } from './ai-settings-query.ts';

/** An on/off setting of the org's AI, saved as soon as it is changed; put back when the API refuses. */
export function AiToggle({
  api,
  setting,
  checked,
  label,
  children,
}: {
  api: ApiClient;
  setting: 'redaction' | 'logGmailThreads';
  checked: boolean;
  label: string;
  /** What turning it on or off changes, under the box. */
  children: ReactNode;
}) {
  const id = useId();
  const [on, setOn] = useState(checked);
  const save = useSaveAiSettings(api, (saved) => setOn(saved[setting]));
  return (
    <form aria-label={label} onSubmit={(event) => event.preventDefault()}>
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          className="checkbox"
          checked={on}
          disabled={save.isPending}
          onChange={(event) => {
            const next = event.target.checked;
            setOn(next);
            save.mutate({ [setting]: next }, { onError: () => setOn(!next) });
          }}
        />
        {label}
      </label>
      <p className="muted small">{children}</p>
      {save.isError && <ErrorAlert error={save.error} />}
      {save.isSuccess && (
        <p role="status" className="small">
          Saved.
        </p>
      )}
    </form>
  );
}
