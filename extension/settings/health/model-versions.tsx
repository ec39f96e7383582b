import type { MemberOutput } from '../../../shared/api/auth.ts';
import type { HealthModel, ModelSource } from '../../../shared/api/health.ts';

const sourceWords: Record<ModelSource, string> = {
  default: 'Default',
  admin: 'Set by an admin',
  calibrated: 'Calibrated on outcomes',
};

/** Every version of the model, newest first: each score records the version it was computed with. */
export function ModelVersions({
  versions,
  members,
  current,
}: {
  versions: HealthModel[];
  members: MemberOutput[];
  current: number;
}) {
  const nameOf = new Map(members.map((m) => [m.id, m.name || m.email]));
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  return (
    <ul className="rows" aria-label="Model versions">
      {newestFirst.map((v) => (
        <li key={v.version} className="row">
          <span className="row-main">
            <span>
              Version {v.version}
              {v.version === current ? ' (in use)' : ''}
            </span>
            <span className="muted small">
              {sourceWords[v.source]} ·{' '}
              {v.createdBy ? (nameOf.get(v.createdBy) ?? 'A removed member') : 'CSCX'} ·{' '}
              {new Date(v.createdAt).toLocaleDateString()}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
