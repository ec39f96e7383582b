import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeProcedureError } from '../support/fake-backend.ts';
import { me, renderSidebar } from '../support/render-sidebar.tsx';
import { aCustomerContext, aMatch, aZoomRecording } from '../support/sidebar-builders.ts';

const globex = aCustomerContext({ name: 'Globex Industrial' });
const playPage = aZoomRecording({ recordingId: 'Xq3vN8pL2kR7tY5wZ1aB4cD6eF8gH0jK' });

async function openCallTab() {
  fireEvent.click(await screen.findByRole('tab', { name: 'Call' }));
  return screen.findByRole('tabpanel', { name: 'Call' });
}

describe('the Call tab on a recording page no record knows', () => {
  it('asks Zoom for the page’s recording with the page’s customer; Zoom refusing leaves its words beside the paste box', async () => {
    const { backend } = renderSidebar({
      host: 'zoom',
      context: playPage,
      procedures: {
        'customers.context': () => aMatch(globex),
        'meetings.callRecord': () => ({ record: null }),
        'meetings.findZoomRecording': () => {
          throw new FakeProcedureError(
            'TOO_MANY_REQUESTS',
            'Zoom is rate limiting this account: try again in 7 s',
          );
        },
      },
    });
    await openCallTab();

    expect(await screen.findByRole('region', { name: 'Add the transcript' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Zoom did not answer' }).textContent).toContain(
      'try again in 7 s',
    );
    const asked = backend.calls.filter((c) => c.path === 'meetings.findZoomRecording');
    expect(asked.map((c) => c.input)).toEqual([
      { recordingId: 'Xq3vN8pL2kR7tY5wZ1aB4cD6eF8gH0jK', customerId: globex.id },
    ]);
    expect(backend.calls.find((c) => c.path === 'meetings.callRecord')?.input).toEqual({
      recordingId: 'Xq3vN8pL2kR7tY5wZ1aB4cD6eF8gH0jK',
    });
  });

  it('says Zoom has the recording but no transcript yet, above the paste box', async () => {
    renderSidebar({
      host: 'zoom',
      context: playPage,
      procedures: {
        'customers.context': () => aMatch(globex),
        'meetings.callRecord': () => ({ record: null }),
        'meetings.findZoomRecording': () => ({ outcome: 'no_transcript', record: null }),
      },
    });
    await openCallTab();

    expect(await screen.findByRole('region', { name: 'No transcript in Zoom yet' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Add the transcript' })).toBeTruthy();
  });

  it('a viewer, who cannot import, is not sent looking in Zoom', async () => {
    const { backend } = renderSidebar({
      host: 'zoom',
      context: playPage,
      procedures: {
        'auth.me': () => ({ ...me, user: { ...me.user, role: 'viewer' as const } }),
        'customers.context': () => aMatch(globex),
        'meetings.callRecord': () => ({ record: null }),
        'meetings.findZoomRecording': () => ({ outcome: 'not_found', record: null }),
      },
    });
    await openCallTab();

    expect(await screen.findByText(/No transcript of this call for Globex Industrial yet/)).toBeTruthy();
    await waitFor(() => expect(backend.calls.some((c) => c.path === 'meetings.callRecord')).toBe(true));
    expect(backend.calls.some((c) => c.path === 'meetings.findZoomRecording')).toBe(false);
  });
});
