import type { HealthScore } from '../../../shared/api/health.ts';
import { bandWords, deltaPhrase } from './health-format.ts';
import { HealthSparkline } from './health-sparkline.tsx';

/** The score and its band, how it moved, how much data it stands on, and its last 90 days. */
export function HealthSummary({ health }: { health: HealthScore }) {
  const moves = [deltaPhrase(health.deltas.d7, 7), deltaPhrase(health.deltas.d30, 30)].filter(
    (phrase): phrase is string => phrase !== null,
  );
  return (
    <section className={`card health-summary band-${health.band}`} aria-label="Health score">
      <header>
        <h2>{health.customerName}</h2>
      </header>
      <p className="health-headline">
        <span className="health-score">
          {Math.round(health.score)}
          <span className="muted small"> / 100</span>
        </span>
        <span className={`band band-${health.band}`}>{bandWords[health.band]}</span>
      </p>
      {moves.length > 0 && <p className="small">{moves.join(' · ')}</p>}
      <HealthSparkline history={health.history} />
      <p className="muted small">
        Based on {health.componentsPresent} of {health.componentsTotal} signals
        {health.componentsPresent < health.componentsTotal ? ' (the others have no data yet)' : ''}
      </p>
    </section>
  );
}
