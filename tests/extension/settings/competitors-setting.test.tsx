import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeProcedureError } from '../support/fake-backend.ts';
import { callsTo, meAs, renderSettings } from '../support/render-settings.tsx';

const admin = meAs({ role: 'admin', email: 'admin@cscx.localhost' });
const withCompetitors = { ...admin, org: { ...admin.org, competitors: ['Gainsight'] } };

describe('the organisation’s competitor list, for an admin', () => {
  it('shows the list one per line and saves the edited names, as the server keeps them', async () => {
    const { backend } = renderSettings({
      at: '#/org',
      procedures: {
        'auth.me': () => withCompetitors,
        'org.update': () => ({ ...withCompetitors.org, competitors: ['Gainsight', 'ChurnZero'] }),
      },
    });
    const form = await screen.findByRole('form', { name: 'Competitors' });
    const box = within(form).getByRole('textbox', {
      name: 'Competitors, one per line',
    }) as HTMLTextAreaElement;
    expect(box.value).toBe('Gainsight');

    await userEvent.type(box, '\n\n  ChurnZero \ngainsight');
    await userEvent.click(within(form).getByRole('button', { name: 'Save competitors' }));

    expect(await within(form).findByText('Saved.')).toBeTruthy();
    expect(callsTo(backend, 'org.update').map((c) => c.input)).toEqual([
      { competitors: ['Gainsight', 'ChurnZero', 'gainsight'] },
    ]);
    expect(box.value).toBe('Gainsight\nChurnZero');
  });

  it('says why when the server refuses, and keeps what was typed', async () => {
    renderSettings({
      at: '#/org',
      procedures: {
        'auth.me': () => withCompetitors,
        'org.update': () => {
          throw new FakeProcedureError('BAD_REQUEST', 'at most 100 characters');
        },
      },
    });
    const form = await screen.findByRole('form', { name: 'Competitors' });
    const box = within(form).getByRole('textbox', {
      name: 'Competitors, one per line',
    }) as HTMLTextAreaElement;
    await userEvent.type(box, '\nTotango');
    await userEvent.click(within(form).getByRole('button', { name: 'Save competitors' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/at most 100 characters/i);
    expect(box.value).toBe('Gainsight\nTotango');
  });
});
