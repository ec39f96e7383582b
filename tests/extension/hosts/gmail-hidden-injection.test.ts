import { describe, expect, it } from 'vitest';
import { messageText } from '../../../extension/hosts/gmail/message-text.ts';
import { ownInjectionCases } from '../../fixtures/injection/cases.ts';

/**
 * Text a reader cannot see (zero-size, white on white, display:none) is still text of the message:
 * the Gmail adapter hands it to CSCX, so the injection suite's hidden cases are drafted from
 * exactly what the adapter reads from their markup.
 */
describe('the Gmail adapter’s plain text of mail with hidden instructions', () => {
  const hidden = ownInjectionCases.filter((c) => c.html);

  it.each(hidden.map((c) => [c.id, c] as const))('%s keeps the hidden instruction', (_id, injection) => {
    const body = document.createElement('div');
    body.innerHTML = injection.html ?? '';
    document.body.append(body);
    expect(messageText(body)).toBe(injection.text);
    expect(messageText(body)).toContain(injection.payload);
    body.remove();
  });

  it('covers three ways of hiding text', () => {
    expect(hidden.map((c) => c.id)).toHaveLength(3);
  });
});
