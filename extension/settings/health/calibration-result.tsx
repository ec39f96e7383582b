import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type HealthWeights, healthComponents } from '../../../shared/api/health.ts';
import type { CalibrationFigures, HealthCalibration } from '../../../shared/api/health-calibration.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { componentWords } from '../../sidebar/health/health-format.ts';
import { ErrorAlert } from '../api-errors.tsx';
import { calibrationKey, healthModelKey, healthVersionsKey } from './health-model-query.ts';

interface CalibrationResultProps {
  api: ApiClient;
  calibration: HealthCalibration;
  /** The weights in use now, beside the fitted ones. */
  current: HealthWeights;
  canAdopt: boolean;
}

/**
 * The last fit of the weights to the org's own renewals and churn: how well the model in use and the
 * fitted one told them apart on customers the fit never saw, and the fitted weights, which an admin
 * may adopt as a new version.
 */
export function CalibrationResult({ api, calibration, current, canAdopt }: CalibrationResultProps) {
  const queryClient = useQueryClient();
  const adopt = useMutation({
    mutationFn: () => api.health.adoptCalibration.mutate({ calibrationId: calibration.id }),
    onSuccess: () =>
      Promise.all(
        [healthModelKey, healthVersionsKey, calibrationKey].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      ),
  });
  return (
    <>
      <p className="small">
        Run {new Date(calibration.createdAt).toLocaleDateString()}: fitted on {calibration.trainingCustomers}{' '}
        customers with a known outcome, checked on {calibration.heldOutCustomers} held out.
      </p>
      <table className="model-weights" aria-label="Calibration figures">
        <thead>
          <tr>
            <th scope="col">On held-out customers</th>
            <th scope="col">Version {calibration.baseVersion}</th>
            <th scope="col">Fitted</th>
          </tr>
        </thead>
        <tbody>
          {figureRow('ROC-AUC (higher is better)', calibration.before, calibration.after, 'rocAuc')}
          {figureRow('PR-AUC (higher is better)', calibration.before, calibration.after, 'prAuc')}
          {figureRow('Brier (lower is better)', calibration.before, calibration.after, 'brier')}
        </tbody>
      </table>
      {calibration.fitted ? (
        <table className="model-weights" aria-label="Fitted weights">
          <thead>
            <tr>
              <th scope="col">Signal</th>
              <th scope="col">In use</th>
              <th scope="col">Fitted</th>
            </tr>
          </thead>
          <tbody>
            {healthComponents.map((c) => (
              <tr key={c}>
                <th scope="row">{componentWords[c]}</th>
                <td>{share(current, c)}</td>
                <td>{share(calibration.fittedWeights, c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">
          No signal told churn apart in these outcomes: the weights stay as they are.
        </p>
      )}
      {calibration.adoptedVersion !== null ? (
        <p className="small">Adopted as version {calibration.adoptedVersion}.</p>
      ) : (
        canAdopt &&
        calibration.fitted && (
          <button type="button" disabled={adopt.isPending} onClick={() => adopt.mutate()}>
            {adopt.isPending ? 'Adopting…' : 'Adopt the fitted weights'}
          </button>
        )
      )}
      {adopt.isError && <ErrorAlert error={adopt.error} />}
    </>
  );
}

function figureRow(
  label: string,
  before: CalibrationFigures,
  after: CalibrationFigures,
  key: keyof CalibrationFigures,
) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{figure(before[key])}</td>
      <td>{figure(after[key])}</td>
    </tr>
  );
}

function figure(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}

function share(weights: HealthWeights, component: keyof HealthWeights): string {
  const total = healthComponents.reduce((sum, c) => sum + weights[c], 0);
  return total > 0 ? `${Math.round((weights[component] / total) * 100)} %` : '—';
}
