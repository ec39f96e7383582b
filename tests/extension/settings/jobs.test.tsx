import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { refreshWhileBusyMs } from '../../../extension/settings/jobs/jobs-section.tsx';
import type { JobOutput } from '../../../shared/api/jobs.ts';
import { callsTo, meAs, renderSettings } from '../support/render-settings.tsx';

const admin = meAs({ role: 'admin' });

let seq = 0;
function aJob(overrides: Partial<JobOutput> = {}): JobOutput {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(5000 + seq).padStart(12, '0')}`,
    queue: 'health.recompute-org',
    state: 'done',
    attempts: 1,
    maxAttempts: 5,
    lastError: null,
    runAt: '2026-12-01T06:00:00.000Z',
    progress: null,
    createdAt: '2026-12-01T06:00:00.000Z',
    startedAt: '2026-12-01T06:00:01.000Z',
    finishedAt: '2026-12-01T06:00:04.000Z',
    ...overrides,
  };
}

describe('Background jobs, for an admin', () => {
  it('shows a running job with its progress bar, a failed one with its error, and refreshes while one runs', async () => {
    let jobs = [
      aJob({ state: 'running', progress: { done: 1200, total: 5000, label: 'customers' }, finishedAt: null }),
      aJob({
        queue: 'signals.import',
        state: 'dead',
        attempts: 5,
        lastError: 'customer file is gone',
      }),
    ];
    const { backend } = renderSettings({
      at: '#/jobs',
      procedures: { 'auth.me': () => admin, 'jobs.list': () => jobs },
    });
    const list = await screen.findByRole('list', { name: 'Background jobs' });
    const bar = within(list).getByRole('progressbar', { name: 'Health: recompute org progress' });
    expect(bar.getAttribute('value')).toBe('1200');
    expect(bar.getAttribute('max')).toBe('5000');
    expect(within(list).getByText('1,200 of 5,000 customers')).toBeTruthy();
    expect(within(list).getByText('Running')).toBeTruthy();
    expect(within(list).getByText(/customer file is gone/).textContent).toBe('Error: customer file is gone');
    expect(within(list).getByText(/gave up .* after 5 attempts/)).toBeTruthy();

    jobs = [aJob({ progress: { done: 5000, total: 5000, label: 'customers' } }), jobs[1]!];
    await within(list).findByText('Done', {}, { timeout: refreshWhileBusyMs + 2_000 });
    expect(within(list).queryByRole('progressbar')).toBeNull();
    const reads = callsTo(backend, 'jobs.list').length;
    await new Promise((resolve) => setTimeout(resolve, refreshWhileBusyMs + 500));
    expect(callsTo(backend, 'jobs.list')).toHaveLength(reads);
  }, 15_000);

  it('says when there are none', async () => {
    renderSettings({ at: '#/jobs', procedures: { 'auth.me': () => admin, 'jobs.list': () => [] } });
    expect(await screen.findByText('No background jobs yet.')).toBeTruthy();
  });
});
