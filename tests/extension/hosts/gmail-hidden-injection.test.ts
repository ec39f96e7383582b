import { describe, expect, it } from 'vitest';
import { messageText } from '../../../extension/hosts/gmail/message-text.ts';
import { ownInjectionCases } from '../../fixtures/injection/cases.ts';

/**
 * Text a reader cannot see (zero-size, white on white, display:none) is left out by the Gmail adapter:
 * the model reads what the CSM reads. The injection suite still drafts from the full text (`text`, what a
 * client that kept hidden text would send), so the server's own defences are tested without this one.
 */
describe('the Gmail adapter’s plain text of mail with hidden instructions', () => {
  const hidden = ownInjectionCases.filter((c) => c.html);

  it.each(hidden.map((c) => [c.id, c] as const))(
    '%s drops the hidden instruction and keeps the rest',
    (_id, injection) => {
      const body = document.createElement('div');
      body.innerHTML = injection.html ?? '';
      document.body.append(body);
      const text = messageText(body);
      expect(text).not.toContain(injection.payload);
      expect(text).toBe(injection.text.replace(`${injection.payload}\n`, ''));
      body.remove();
    },
  );

  it('covers three ways of hiding text', () => {
    expect(hidden.map((c) => c.id)).toHaveLength(3);
  });
});
