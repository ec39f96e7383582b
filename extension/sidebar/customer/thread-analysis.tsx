import './thread-analysis.css';
import type { AnalyzeThreadOutput } from '../../../shared/api/threads.ts';
import type { HostContext } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { analysisChips, analysisFailure, answeredBy, loggedNote } from './thread-analysis-format.ts';
import { threadAnalysisInput } from './thread-analysis-input.ts';
import { ThreadAsks, ThreadCommitments } from './thread-quotes.tsx';
import { useThreadAnalysis } from './use-thread-analysis.ts';

interface ThreadSectionProps {
  api: ApiClient;
  context: HostContext;
  customerId: string;
}

/** The Gmail thread's analysis in the Customer tab; nothing for other hosts or a draft. */
export function ThreadSection({ api, context, customerId }: ThreadSectionProps) {
  const input = threadAnalysisInput(context, customerId);
  const analysis = useThreadAnalysis(api, input);
  if (!input) return null;
  return (
    <section className="card thread" aria-label="Thread" aria-busy={analysis.isPending}>
      <h3>Thread</h3>
      {analysis.data ? (
        <ThreadAnalysisView result={analysis.data} />
      ) : analysis.isError ? (
        <>
          <p role="alert" className="error">
            {analysisFailure(analysis.error)}
          </p>
          <button type="button" onClick={() => void analysis.refetch()} disabled={analysis.isFetching}>
            {analysis.isFetching ? 'Trying…' : 'Try again'}
          </button>
        </>
      ) : (
        <AnalysingPlaceholder />
      )}
    </section>
  );
}

function ThreadAnalysisView({ result }: { result: AnalyzeThreadOutput }) {
  const { analysis } = result;
  return (
    <>
      <p className="facts-line">
        {analysisChips(analysis).map((chip) => (
          <span key={chip.text} className={`chip ${chip.tone}`}>
            {chip.text}
          </span>
        ))}
      </p>
      {analysis.summary && <p className="thread-summary">{analysis.summary}</p>}
      <ThreadAsks asks={analysis.asks} />
      <ThreadCommitments commitments={analysis.commitments} />
      <p className="muted small answered-by">
        {answeredBy(result)} {loggedNote(result)}
      </p>
    </>
  );
}

/** About the height of a short analysis, so the cards below move little when it arrives. */
function AnalysingPlaceholder() {
  return (
    <div className="thread-placeholder" role="status" aria-label="Analysing the thread">
      <div className="skeleton-line short" />
      <div className="skeleton-line" />
      <div className="skeleton-line" />
      <div className="skeleton-line wide" />
      <p className="muted small">Analysing the thread…</p>
    </div>
  );
}
