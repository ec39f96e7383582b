import type { HealthDriver } from '../../../shared/api/health.ts';
import { componentWords, signedPoints } from './health-format.ts';

/** Drivers moving the score by less than this are left out of the list: they explain nothing. */
const minShownPoints = 0.5;
const maxShown = 5;

/**
 * What moves the score, biggest effect first: each in plain words, with the points it adds or takes
 * away against a neutral 50 (so they sum, with 50, to the score).
 */
export function HealthDrivers({ drivers }: { drivers: HealthDriver[] }) {
  const shown = drivers.filter((d) => Math.abs(d.contribution) >= minShownPoints).slice(0, maxShown);
  return (
    <section className="card" aria-label="Why">
      <h3>Why</h3>
      {shown.length === 0 ? (
        <p className="muted">Nothing pulls the score up or down.</p>
      ) : (
        <ul className="drivers">
          {shown.map((driver) => (
            <li key={driver.component} className={`driver ${driver.severity}`}>
              <span className="driver-points" title={`${signedPoints(driver.contribution)} points`}>
                {signedPoints(driver.contribution)}
              </span>
              <span className="driver-text">
                <span>{driver.sentence}</span>
                <span className="muted small">
                  {componentWords[driver.component]}
                  {driver.severity === 'critical' ? ' · critical' : ''}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
