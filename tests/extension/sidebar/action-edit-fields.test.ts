import { describe, expect, it } from 'vitest';
import { editFieldsOf } from '../../../extension/sidebar/inbox/action-edit-fields.ts';
import type { ActionView } from '../../../shared/api/actions.ts';

const lee = '00000000-0000-4000-8000-00000000cccc';
const ownerChange = {
  kind: 'customer.update_field',
  payload: { field: 'ownerId', value: lee },
} as unknown as ActionView;
const context = (members: { id: string; name: string }[]) => ({
  timeZone: 'UTC',
  members,
  nameOf: (id: string) => members.find((m) => m.id === id)?.name ?? 'a colleague',
});

describe('the inputs of a field change', () => {
  it('offers the proposed owner before the members have arrived, and by name once they have', () => {
    const [before] = editFieldsOf(ownerChange, context([]));
    expect(before?.options).toEqual([
      { value: '', label: 'No owner' },
      { value: lee, label: 'a colleague' },
    ]);
    const [after] = editFieldsOf(ownerChange, context([{ id: lee, name: 'Lee' }]));
    expect(after?.options).toEqual([
      { value: '', label: 'No owner' },
      { value: lee, label: 'Lee' },
    ]);
  });

  it('has nothing to fill in for a payload its schema does not read', () => {
    const garbled = {
      kind: 'customer.update_field',
      payload: { field: 'colour', value: 'blue' },
    } as unknown as ActionView;
    expect(editFieldsOf(garbled, context([]))).toEqual([]);
  });
});
