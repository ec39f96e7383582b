import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../backend/ai/redaction/redactor.ts';
import { restoreObject } from '../../backend/ai/redaction/restore-object.ts';

const email = [
  'Hi Priya,',
  'Thanks for the call. Please send the contract to dana.whitfield@example.org or call me on +44 20 7946 0958.',
  'The card on file is 4111 1111 1111 1111 and the refund goes to GB82 WEST 1234 5698 7654 32.',
  'Our office moved to 221 Baker Street, London NW1 6XE.',
  '',
  'Best regards,',
  'Dana Whitfield',
].join('\n');

describe('a redactor', () => {
  it('replaces each kind of personal data with a typed placeholder', () => {
    const redacted = createRedactor().redact(email);
    const values = [
      'Priya',
      'dana.whitfield@example.org',
      '7946 0958',
      '4111 1111',
      'GB82',
      'Baker Street',
      'NW1 6XE',
      'Dana',
    ];
    for (const value of values) {
      expect(redacted).not.toContain(value);
    }
    expect(redacted).toContain('Hi <PERSON_1>,');
    expect(redacted).toContain('<EMAIL_1>');
    expect(redacted).toContain('<PHONE_1>');
    expect(redacted).toContain('<CARD_1>');
    expect(redacted).toContain('<IBAN_1>');
    expect(redacted).toContain('Our office moved to <ADDRESS_1>.');
    expect(redacted).toContain('Best regards,\n<PERSON_2>');
    expect(redacted).toContain('Thanks for the call.');
  });

  it('gives the same value the same placeholder in every block of one call, and a new value a new one', () => {
    const redactor = createRedactor();
    const first = redactor.redact('Ask dana.whitfield@example.org about it.');
    const second = redactor.redact('Copy DANA.WHITFIELD@example.org and ops@example.org.');
    expect(first).toBe('Ask <EMAIL_1> about it.');
    expect(second).toBe('Copy <EMAIL_1> and <EMAIL_2>.');
  });

  it('finds in a later block a person named in an earlier one', () => {
    const redactor = createRedactor();
    redactor.redact('From: Sara Schwarz <sara@example.org>');
    expect(redactor.redact('sounds good, i will ask schwarz')).toBe('sounds good, i will ask <PERSON_2>');
  });

  it('restores the original values in the model output', () => {
    const redactor = createRedactor();
    const redacted = redactor.redact(email);
    const answer = `Reply to ${redacted.match(/<PERSON_1>/)?.[0]} at <EMAIL_1>; card <CARD_1>.`;
    expect(redactor.restore(answer)).toBe(
      'Reply to Priya at dana.whitfield@example.org; card 4111 1111 1111 1111.',
    );
  });

  it('leaves a placeholder the model invented as it is, never someone else’s data', () => {
    const redactor = createRedactor();
    redactor.redact('Hi Priya, mail dana.whitfield@example.org');
    expect(redactor.restore('Tell <PERSON_7> to write to <EMAIL_2> and <PHONE_1>.')).toBe(
      'Tell <PERSON_7> to write to <EMAIL_2> and <PHONE_1>.',
    );
  });

  it('never issues a placeholder that the input already contains as text', () => {
    const redactor = createRedactor();
    const redacted = redactor.redact(
      'The template says <EMAIL_1>; the real one is dana.whitfield@example.org.',
    );
    expect(redacted).toBe('The template says <EMAIL_1>; the real one is <EMAIL_2>.');
    expect(redactor.restore('<EMAIL_1> / <EMAIL_2>')).toBe('<EMAIL_1> / dana.whitfield@example.org');
  });

  it('restores a stream chunk by chunk, wherever a placeholder is cut', () => {
    const redactor = createRedactor();
    redactor.redact('Hi Priya, your email is dana.whitfield@example.org.');
    const output = 'Dear <PERSON_1>, we wrote to <EMAIL_1> < 3 times; see <PERSON_9>.';
    const expected = 'Dear Priya, we wrote to dana.whitfield@example.org < 3 times; see <PERSON_9>.';
    for (let cut = 0; cut <= output.length; cut++) {
      for (const size of [1, 3, 7]) {
        const stream = redactor.restoreStream();
        let restored = stream.push(output.slice(0, cut));
        for (let i = cut; i < output.length; i += size) restored += stream.push(output.slice(i, i + size));
        restored += stream.flush();
        expect(restored).toBe(expected);
      }
    }
  });

  it('holds back only what could still become a placeholder', () => {
    const stream = createRedactor().restoreStream();
    expect(stream.push('a < b and <PERS')).toBe('a < b and ');
    expect(stream.push('ONAL note>')).toBe('<PERSONAL note>');
    expect(stream.push('end <EM')).toBe('end ');
    expect(stream.flush()).toBe('<EM');
  });

  it('counts the spans it replaced per type, never their values', () => {
    const redactor = createRedactor();
    redactor.redact(email);
    redactor.redact('Priya again, and priya.n@example.org');
    expect(redactor.counts()).toEqual({ person: 3, email: 2, phone: 1, card: 1, iban: 1, address: 1, id: 0 });
  });

  it('keeps the org’s customers, products and own name, even when they read like people', () => {
    const text = 'Jordan Lake renewed, and Hi Morgan Stanley Whitaker, thanks to Sara Schwarz.';
    const redacted = createRedactor({ allowedTerms: ['Jordan Lake', 'Morgan Stanley'] }).redact(text);
    expect(redacted).toContain('Jordan Lake renewed');
    expect(redacted).toContain('Morgan Stanley');
    expect(redacted).toContain('thanks to <PERSON_');
    expect(redacted).not.toContain('Sara Schwarz');
  });

  it('redacts the org’s contacts in any case, their given name alone too', () => {
    const redactor = createRedactor({ knownNames: ['Priya Raman', 'Will Ortega'] });
    expect(redactor.redact('spoke to priya raman today; raman agreed.')).toBe(
      'spoke to <PERSON_1> today; <PERSON_2> agreed.',
    );
    // A part that is also an English word is a name only where it is written like one.
    expect(redactor.redact('we will ask Will tomorrow')).toBe('we will ask <PERSON_3> tomorrow');
  });

  it('restores every string of a structured output, keys untouched', () => {
    const redactor = createRedactor();
    redactor.redact('Hi Priya, mail dana.whitfield@example.org');
    const answer = {
      summary: 'Ask <PERSON_1>',
      asks: [{ quote: 'mail <EMAIL_1>', '<PERSON_1>': 2 }],
      score: 3,
    };
    expect(restoreObject(answer, redactor)).toEqual({
      summary: 'Ask Priya',
      asks: [{ quote: 'mail dana.whitfield@example.org', '<PERSON_1>': 2 }],
      score: 3,
    });
  });
});
