import './ai.css';
import type { AiSettingsOutput } from '../../../shared/api/ai.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { PanelSkeleton } from '../../sidebar/layout/skeleton.tsx';
import { ErrorAlert } from '../api-errors.tsx';
import { providerNames, remoteProviders } from './ai-labels.ts';
import { useAiSettings } from './ai-settings-query.ts';
import { AiToggle } from './ai-toggle.tsx';
import { AiUsage } from './ai-usage.tsx';
import { ApiKeyField } from './api-key-field.tsx';
import { ProviderForm } from './provider-form.tsx';

/** Admins only: which model answers, its keys, what leaves the server, and what it all cost. */
export function AiSection({ api }: { api: ApiClient }) {
  const settings = useAiSettings(api);
  return (
    <>
      <section className="card" aria-labelledby="ai-heading">
        <h2 id="ai-heading">AI</h2>
        {settings.error ? (
          <ErrorAlert error={settings.error} />
        ) : !settings.data ? (
          <PanelSkeleton label="Loading the AI settings" />
        ) : (
          <AiSettingsForms api={api} settings={settings.data} />
        )}
      </section>
      <AiUsage api={api} />
    </>
  );
}

function AiSettingsForms({ api, settings }: { api: ApiClient; settings: AiSettingsOutput }) {
  return (
    <>
      <ProviderForm api={api} settings={settings} />
      <div className="subsection">
        <h3>Fallback</h3>
        <ol className="chain" aria-label="Fallback chain">
          {settings.fallbackChain.map((p) => (
            <li key={p}>{providerNames[p]}</li>
          ))}
        </ol>
        <p className="muted small">
          When a provider fails, times out or is rate-limited, the call goes to the next one; the local
          analyser on this server always answers last.
        </p>
      </div>
      <div className="subsection">
        <h3>API keys</h3>
        {remoteProviders.map((p) => (
          <ApiKeyField key={p} api={api} provider={p} source={settings.keys[p]} />
        ))}
      </div>
      <div className="subsection">
        <AiToggle
          api={api}
          setting="redaction"
          checked={settings.redaction}
          label="Remove names, emails, phone numbers and other personal details before text leaves for a remote model"
        >
          Card numbers, IBANs, street addresses and national ids too. Each is replaced by a placeholder and
          put back in the answer. The local analyser works on this server and sees the text as it is.
        </AiToggle>
        <AiToggle
          api={api}
          setting="logGmailThreads"
          checked={settings.logGmailThreads}
          label="Log Gmail threads on the customer’s timeline"
        >
          When a CSM opens a customer’s thread in Gmail, it is added to that customer’s timeline once, with
          its analysis, so the timeline and the health score can use it. Viewers’ opens are never logged.
        </AiToggle>
      </div>
    </>
  );
}
