import type { HealthScore } from '../../../shared/api/health.ts';
import { shortDay } from './health-format.ts';

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * The score's last 90 days as a line on the 0–100 scale (a fall looks as big as it is), each point
 * at its day (a history with gaps, or weekly before daily, keeps its time scale), drawn as inline
 * SVG; its label says the same in words for a screen reader.
 */
export function HealthSparkline({ history }: { history: HealthScore['history'] }) {
  const first = history[0];
  const last = history.at(-1);
  if (!first || !last || history.length < 2)
    return <p className="muted small">The score’s history starts today.</p>;
  const start = dayNumber(first.day);
  const span = Math.max(dayNumber(last.day) - start, 1);
  const points = history.map(
    (p) => `${(((dayNumber(p.day) - start) / span) * 100).toFixed(2)},${(100 - p.score).toFixed(2)}`,
  );
  const words = `Score over ${Math.round(span) + 1} days: ${Math.round(first.score)} on ${shortDay(first.day)}, ${Math.round(last.score)} on ${shortDay(last.day)}`;
  return (
    <figure className="sparkline">
      <svg viewBox="0 0 100 100" preserveAspectRatio="none" role="img" aria-label={words}>
        <title>{words}</title>
        <polyline points={points.join(' ')} fill="none" vectorEffect="non-scaling-stroke" />
      </svg>
      <figcaption className="muted small">
        <span>{shortDay(first.day)}</span>
        <span>{shortDay(last.day)}</span>
      </figcaption>
    </figure>
  );
}
