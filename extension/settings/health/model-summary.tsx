import { type HealthModel, healthComponents } from '../../../shared/api/health.ts';
import { componentWords } from '../../sidebar/health/health-format.ts';

/** The model as everyone but an admin sees it: what counts, how much, and where the bands are. */
export function ModelSummary({ model }: { model: HealthModel }) {
  const total = healthComponents.reduce((sum, c) => sum + model.weights[c], 0);
  return (
    <>
      <table className="model-weights">
        <caption className="muted small">Weights of version {model.version}</caption>
        <thead>
          <tr>
            <th scope="col">Signal</th>
            <th scope="col">Weight</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {healthComponents.map((c) => (
            <tr key={c}>
              <th scope="row">{componentWords[c]}</th>
              <td>{model.weights[c]}</td>
              <td>{total > 0 ? `${Math.round((model.weights[c] / total) * 100)} %` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small">
        Healthy from {model.thresholds.healthy}; at risk below {model.thresholds.atRisk}. A fall of{' '}
        {model.dropAlertPoints} points within 7 days raises an alert.
      </p>
    </>
  );
}
