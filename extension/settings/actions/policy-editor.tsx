import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import {
  type ActionKind,
  type ActionPolicy,
  type PolicyMode,
  type PolicyView,
  type RiskLevel,
  riskLevels,
} from '../../../shared/api/actions.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { kindWords, riskWords } from '../../sidebar/inbox/action-format.ts';
import { PanelSkeleton } from '../../sidebar/layout/skeleton.tsx';
import { ErrorAlert } from '../api-errors.tsx';

const policyKey = ['actions.policy'] as const;

const modeWords: Record<PolicyMode, string> = {
  ask: 'Always ask',
  auto: 'Run alone up to a risk',
  never: 'Never',
};

/**
 * An admin's policy per kind of action: always ask a person, run alone up to a risk level (above it,
 * ask), or never. Whatever it says, an action built from an email or transcript still asks.
 */
export function PolicyEditor({ api }: { api: ApiClient }) {
  const policy = useQuery({ queryKey: policyKey, queryFn: () => api.actions.policy.query() });
  return (
    <section className="card" aria-labelledby="policy-heading">
      <h2 id="policy-heading">Approval policy</h2>
      <p className="muted small">
        What may run without a person. An action drawn from an email or a transcript always waits for one,
        whatever its kind’s policy.
      </p>
      {policy.error ? (
        <ErrorAlert error={policy.error} />
      ) : !policy.data ? (
        <PanelSkeleton label="Loading the policy" />
      ) : (
        <ul className="rows" aria-label="Policy per kind of action">
          {policy.data.policies.map((p) => (
            <PolicyRow key={p.kind} api={api} policy={p} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PolicyRow({ api, policy }: { api: ApiClient; policy: PolicyView['policies'][number] }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<PolicyMode>(policy.mode);
  const [upToRisk, setUpToRisk] = useState<RiskLevel>(policy.mode === 'auto' ? policy.upToRisk : 'low');
  const save = useMutation({
    mutationFn: (next: ActionPolicy) => api.actions.updatePolicy.mutate(next),
    onSuccess: (view) => queryClient.setQueryData(policyKey, view),
  });
  const changed =
    mode !== policy.mode || (mode === 'auto' && policy.mode === 'auto' && upToRisk !== policy.upToRisk);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(policyOf(policy.kind, mode, upToRisk));
  };
  const label = kindWords[policy.kind];
  return (
    <li className="row">
      <form className="row-main policy-row" aria-label={`Policy: ${label}`} onSubmit={submit}>
        <span>
          <strong>{label}</strong> <code>{policy.kind}</code>
          {policy.isDefault && <span className="muted small"> · the default</span>}
        </span>
        <label htmlFor={`${ids}-mode`}>When proposed</label>
        <select id={`${ids}-mode`} value={mode} onChange={(e) => setMode(e.target.value as PolicyMode)}>
          {(Object.keys(modeWords) as PolicyMode[]).map((m) => (
            <option key={m} value={m}>
              {modeWords[m]}
            </option>
          ))}
        </select>
        {mode === 'auto' && (
          <>
            <label htmlFor={`${ids}-risk`}>Highest risk that runs alone</label>
            <select
              id={`${ids}-risk`}
              value={upToRisk}
              onChange={(e) => setUpToRisk(e.target.value as RiskLevel)}
            >
              {riskLevels.map((r) => (
                <option key={r} value={r}>
                  {riskWords[r]}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="submit" disabled={!changed || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        {save.isSuccess && !changed && (
          <span role="status" className="muted small">
            Saved.
          </span>
        )}
        {save.error && <ErrorAlert error={save.error} />}
      </form>
    </li>
  );
}

function policyOf(kind: ActionKind, mode: PolicyMode, upToRisk: RiskLevel): ActionPolicy {
  return mode === 'auto' ? { kind, mode, upToRisk } : { kind, mode };
}
