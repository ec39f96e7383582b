import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { StyleProfileOutput } from '../../../shared/api/style.ts';
import { FakeProcedureError, type Procedure } from '../support/fake-backend.ts';
import { callsTo, meAs, renderSettings } from '../support/render-settings.tsx';

const csm = meAs({ role: 'csm', email: 'sam@cscx.localhost', name: 'Sam Lee' });

const nothingLearned: StyleProfileOutput = {
  profile: {
    greeting: null,
    signOff: null,
    typicalWords: null,
    formality: null,
    removedPhrases: [],
    addedPhrases: [],
    samples: 0,
  },
  describe: [],
  updatedAt: null,
};

const learned: StyleProfileOutput = {
  profile: {
    greeting: 'Hey',
    signOff: 'Cheers,',
    typicalWords: 62,
    formality: -0.6,
    removedPhrases: ['I hope all is well'],
    addedPhrases: [],
    samples: 4,
  },
  describe: [
    'Opens with “Hey”',
    'Signs off with “Cheers,”',
    'Writes about 62 words',
    'Writes casually: contractions, exclamation marks',
    'Cuts “I hope all is well”',
    'Learned from the last 4 sent drafts',
  ],
  updatedAt: '2026-11-23T12:00:00.000Z',
};

function styleBackend(initial: StyleProfileOutput, reset?: Procedure) {
  let current = initial;
  return {
    'auth.me': () => csm,
    'drafts.styleProfile': () => current,
    'drafts.resetStyleProfile':
      reset ??
      (() => {
        current = nothingLearned;
        return current;
      }),
  } satisfies Record<string, Procedure>;
}

const section = () => screen.findByRole('region', { name: 'Writing style' });

describe('the Writing style section', () => {
  it('is offered to a viewer too, who has a style of their own to see', async () => {
    renderSettings({
      at: '#/style',
      procedures: { ...styleBackend(nothingLearned), 'auth.me': () => meAs({ role: 'viewer' }) },
    });
    expect(await section()).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Settings' });
    expect(within(nav).getByRole('link', { name: 'Writing style' })).toBeTruthy();
  });

  it('says what was learned in plain words', async () => {
    renderSettings({ at: '#/style', procedures: styleBackend(learned) });
    const list = await within(await section()).findByRole('list', {
      name: 'What CSCX learned of your writing',
    });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(learned.describe);
  });

  it('says nothing is learned yet, with no Reset to press', async () => {
    renderSettings({ at: '#/style', procedures: styleBackend(nothingLearned) });
    const region = await section();
    expect(await within(region).findByText(/Nothing learned yet/)).toBeTruthy();
    expect(within(region).queryByRole('button', { name: /Reset/ })).toBeNull();
  });

  it('resets after asking, and then shows nothing learned', async () => {
    const { backend } = renderSettings({ at: '#/style', procedures: styleBackend(learned) });
    const region = await section();
    await userEvent.click(await within(region).findByRole('button', { name: 'Reset writing style' }));
    expect(within(region).getByText(/Forget your writing style/)).toBeTruthy();
    expect(callsTo(backend, 'drafts.resetStyleProfile')).toEqual([]);

    await userEvent.click(within(region).getByRole('button', { name: 'Reset' }));

    expect(await within(region).findByText(/Nothing learned yet/)).toBeTruthy();
    expect((await within(region).findByRole('status')).textContent).toMatch(/^Reset\./);
    expect(within(region).queryByText('Opens with “Hey”')).toBeNull();
    expect(callsTo(backend, 'drafts.resetStyleProfile')).toHaveLength(1);
  });

  it('keeps the profile when the question is cancelled', async () => {
    const { backend } = renderSettings({ at: '#/style', procedures: styleBackend(learned) });
    const region = await section();
    await userEvent.click(await within(region).findByRole('button', { name: 'Reset writing style' }));
    await userEvent.click(within(region).getByRole('button', { name: 'Cancel' }));
    expect(within(region).getByText('Opens with “Hey”')).toBeTruthy();
    expect(callsTo(backend, 'drafts.resetStyleProfile')).toEqual([]);
  });

  it('says why when the reset is refused, and keeps the profile shown', async () => {
    renderSettings({
      at: '#/style',
      procedures: styleBackend(learned, () => {
        throw new FakeProcedureError('TOO_MANY_REQUESTS', 'too many calls: wait a minute');
      }),
    });
    const region = await section();
    await userEvent.click(await within(region).findByRole('button', { name: 'Reset writing style' }));
    await userEvent.click(within(region).getByRole('button', { name: 'Reset' }));
    expect((await within(region).findByRole('alert')).textContent).toMatch(/too many calls/i);
    expect(within(region).getByText('Opens with “Hey”')).toBeTruthy();
  });
});
