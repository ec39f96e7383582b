import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeProcedureError } from '../support/fake-backend.ts';
import { callsTo, meAs, renderSettings } from '../support/render-settings.tsx';

const admin = meAs({ role: 'admin', email: 'admin@cscx.localhost' });

describe('the organisation’s Calendar meetings setting, for an admin', () => {
  it('shows recording on, and turns it off as soon as it is unticked', async () => {
    const { backend } = renderSettings({
      at: '#/org',
      procedures: {
        'auth.me': () => admin,
        'org.update': (input) => ({ ...admin.org, ...(input as object) }),
      },
    });
    const setting = await screen.findByRole('form', { name: 'Calendar meetings' });
    const box = within(setting).getByRole('checkbox', { name: /Record Calendar events/ });
    expect((box as HTMLInputElement).checked).toBe(true);

    await userEvent.click(box);

    expect(await within(setting).findByText('Saved.')).toBeTruthy();
    expect(callsTo(backend, 'org.update').map((c) => c.input)).toEqual([{ recordCalendarMeetings: false }]);
    expect((box as HTMLInputElement).checked).toBe(false);
  });

  it('puts the box back and says why when the API refuses', async () => {
    renderSettings({
      at: '#/org',
      procedures: {
        'auth.me': () => admin,
        'org.update': () => {
          throw new FakeProcedureError('FORBIDDEN', 'requires the admin role');
        },
      },
    });
    const setting = await screen.findByRole('form', { name: 'Calendar meetings' });
    const box = within(setting).getByRole('checkbox', { name: /Record Calendar events/ });

    await userEvent.click(box);

    expect((await within(setting).findByRole('alert')).textContent).toMatch(/admin role/i);
    expect((box as HTMLInputElement).checked).toBe(true);
  });
});
