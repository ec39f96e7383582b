import type { CallRecordView } from '../../../shared/api/call-records.ts';

const kindLabels = { risk: 'Risk', expansion: 'Expansion', competitor: 'Competitor' } as const;

/** What the call told the customer's health: each finding with the words it was heard in. */
export function CallSignals({ signals }: { signals: CallRecordView['analysis']['signals'] }) {
  return (
    <section className="card stack" aria-label="Signals">
      <h3>Signals</h3>
      {signals.length === 0 && <p className="muted">No risk, expansion or competitor heard.</p>}
      <ul className="call-list">
        {signals.map((signal) => (
          <li key={`${signal.turn}-${signal.kind}-${signal.label}`}>
            <span className={`call-signal call-signal-${signal.kind}`}>
              {kindLabels[signal.kind]}: {signal.label}
            </span>
            <q className="muted">{signal.quote}</q>
          </li>
        ))}
      </ul>
    </section>
  );
}
