import { useQuery } from '@tanstack/react-query';
import type { AiUsageOutput } from '../../../shared/api/ai.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { PanelSkeleton } from '../../sidebar/layout/skeleton.tsx';
import { ErrorAlert } from '../api-errors.tsx';
import { featureNames, formatCount, formatUsd, providerNames } from './ai-labels.ts';

const days = 30;

type Figures = AiUsageOutput['total'];

/** Admins only: what the org's model calls did and cost over the last 30 days, three ways. */
export function AiUsage({ api }: { api: ApiClient }) {
  const usage = useQuery({ queryKey: ['ai.usage', days], queryFn: () => api.ai.usage.query({ days }) });
  return (
    <section className="card" aria-labelledby="ai-usage-heading">
      <h2 id="ai-usage-heading">Usage, last {days} days</h2>
      {usage.error ? (
        <ErrorAlert error={usage.error} />
      ) : !usage.data ? (
        <PanelSkeleton label="Loading usage" />
      ) : usage.data.total.calls === 0 ? (
        <p className="muted">No AI calls in the last {days} days.</p>
      ) : (
        <UsageTables usage={usage.data} />
      )}
    </section>
  );
}

function UsageTables({ usage }: { usage: AiUsageOutput }) {
  const { total } = usage;
  return (
    <>
      <p className="small">
        {formatCount(total.calls)} {total.calls === 1 ? 'call' : 'calls'} ({formatCount(total.failed)}{' '}
        failed), {formatCount(total.inputTokens)} tokens in, {formatCount(total.outputTokens)} out, about{' '}
        {formatUsd(total.costUsd)}. Local calls cost nothing; remote ones are estimated from list prices.
      </p>
      <UsageTable
        caption="By feature"
        first="Feature"
        rows={usage.byFeature.map((row) => ({ key: row.feature, label: featureNames[row.feature], row }))}
      />
      <UsageTable
        caption="By member"
        first="Member"
        rows={usage.byUser.map((row) => ({
          key: row.userId ?? 'none',
          label: row.userId ? memberLabel(row) : 'No member (jobs and the CLI)',
          row,
        }))}
      />
      <UsageTable
        caption="By provider and model"
        first="Provider · model"
        rows={usage.byProvider.map((row) => ({
          key: `${row.provider}/${row.model}`,
          label: `${providerNames[row.provider]} · ${row.model}`,
          row,
        }))}
      />
    </>
  );
}

function memberLabel({ name, email }: { name: string; email: string }): string {
  return name && email ? `${name} (${email})` : name || email;
}

function UsageTable({
  caption,
  first,
  rows,
}: {
  caption: string;
  first: string;
  rows: { key: string; label: string; row: Figures }[];
}) {
  return (
    <table className="usage">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col">Calls</th>
          <th scope="col">Failed</th>
          <th scope="col">Tokens in</th>
          <th scope="col">Tokens out</th>
          <th scope="col">Cost (USD)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, label, row }) => (
          <tr key={key}>
            <th scope="row">{label}</th>
            <td>{formatCount(row.calls)}</td>
            <td>{formatCount(row.failed)}</td>
            <td>{formatCount(row.inputTokens)}</td>
            <td>{formatCount(row.outputTokens)}</td>
            <td>{formatUsd(row.costUsd)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
