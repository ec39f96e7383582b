import { useId } from 'react';
import type { MemberOutput } from '../../../shared/api/auth.ts';
import { type HealthBand, healthBands } from '../../../shared/api/health.ts';
import { bandWords } from '../../sidebar/health/health-format.ts';

export interface BookFilter {
  band: HealthBand | null;
  ownerId: string | null;
  renewalWithinDays: number | null;
}

const renewalWindows = [30, 60, 90, 180, 365] as const;

/** Which part of the book to list: a band, one CSM's accounts, renewals coming within a window. */
export function BookFilters({
  filter,
  members,
  onChange,
}: {
  filter: BookFilter;
  members: MemberOutput[];
  onChange: (next: BookFilter) => void;
}) {
  const ids = useId();
  return (
    <fieldset className="book-filters">
      <legend className="muted small">Show</legend>
      <div>
        <label htmlFor={`${ids}-band`}>Band</label>
        <select
          id={`${ids}-band`}
          value={filter.band ?? ''}
          onChange={(e) =>
            onChange({ ...filter, band: healthBands.find((b) => b === e.target.value) ?? null })
          }
        >
          <option value="">Every band</option>
          {healthBands.map((band) => (
            <option key={band} value={band}>
              {bandWords[band]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${ids}-owner`}>Owner</label>
        <select
          id={`${ids}-owner`}
          value={filter.ownerId ?? ''}
          onChange={(e) => onChange({ ...filter, ownerId: e.target.value || null })}
        >
          <option value="">Anyone</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name || m.email}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${ids}-renewal`}>Renewal</label>
        <select
          id={`${ids}-renewal`}
          value={filter.renewalWithinDays ?? ''}
          onChange={(e) =>
            onChange({ ...filter, renewalWithinDays: e.target.value ? Number(e.target.value) : null })
          }
        >
          <option value="">Any time</option>
          {renewalWindows.map((days) => (
            <option key={days} value={days}>
              Within {days} days
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
