import { describe, expect, it } from 'vitest';
import { findPii } from '../../backend/ai/redaction/find-pii.ts';
import type { PiiType } from '../../backend/ai/redaction/pii-types.ts';

/** What findPii marks in a text, as "type:value". */
function marked(text: string, options?: Parameters<typeof findPii>[1]): string[] {
  return findPii(text, options).map((s) => `${s.type}:${text.slice(s.start, s.end)}`);
}

const only = (type: PiiType, text: string) => marked(text).filter((m) => m.startsWith(`${type}:`));

describe('structured personal data', () => {
  it('takes card numbers that pass Luhn, and leaves a 16-digit order number that fails it', () => {
    expect(only('card', 'Order 1234567812345678 shipped; card 4539 1488 0343 6467 declined.')).toEqual([
      'card:4539 1488 0343 6467',
    ]);
    expect(only('card', 'visa 4539-1488-0343-6467')).toEqual(['card:4539-1488-0343-6467']);
  });

  it('takes a 12-digit card number only after a card word', () => {
    expect(only('card', 'my credit card number is 675984103431')).toEqual(['card:675984103431']);
    expect(only('card', 'tracking 675984103431')).toEqual([]);
  });

  it('takes IBANs that pass mod 97, written compact, spaced or in lowercase, and leaves one with a wrong digit', () => {
    expect(
      only('iban', 'to GB82 WEST 1234 5698 7654 32 from DE89370400440532013000, iban gb82west12345698765432'),
    ).toEqual([
      'iban:GB82 WEST 1234 5698 7654 32',
      'iban:DE89370400440532013000',
      'iban:gb82west12345698765432',
    ]);
    expect(only('iban', 'to GB82 WEST 1234 5698 7654 33')).toEqual([]);
  });

  it('takes emails, Enron’s odd ones too', () => {
    expect(only('email', "mail k..allen@enron.com or paul.y'barbo@enron.com.")).toEqual([
      'email:k..allen@enron.com',
      "email:paul.y'barbo@enron.com",
    ]);
  });

  it('takes phone numbers in international and national formats with extensions', () => {
    const text =
      'Desk: +41 (0)96 471 07 95, mobile 07700 900 123, US (602)272-9781 x123 or 345-899-3560x4587, ' +
      'Paris 01.84.17.61.18 (office), call me on 9472 7916.';
    expect(only('phone', text)).toEqual([
      'phone:+41 (0)96 471 07 95',
      'phone:07700 900 123',
      'phone:(602)272-9781 x123',
      'phone:345-899-3560x4587',
      'phone:01.84.17.61.18',
      'phone:9472 7916',
    ]);
  });

  it('leaves dates, times, amounts and numbers labelled as orders or invoices', () => {
    const text =
      'Meeting on 2024-05-12 at 10:30 (12.05.2024), invoice 4521-8890-1234, order #88812345, ' +
      'total $1,234,567.89, ticket 555-1234, 12 345 678 users, account number is 5551234567.';
    expect(marked(text)).toEqual([]);
  });

  it('takes national ids: SSNs the SSA could issue, UK NI numbers, Spanish DNI, labelled licence numbers', () => {
    const text = "SSN 123-45-6789, NI number AB 12 34 56 C, DNI 12345678Z, driver's license D1234567.";
    expect(only('id', text)).toEqual(['id:123-45-6789', 'id:AB 12 34 56 C', 'id:12345678Z', 'id:D1234567']);
    expect(only('id', 'SSN 666-45-6789 or 123-00-6789, DNI 12345678A')).toEqual([]);
  });
});

describe('street addresses', () => {
  it('takes a US address over several lines, up to its postcode', () => {
    const text =
      'Ship it to:\n1317 Kimberly Way\nApt. 962\nGrand Rapids, MI 49503\nUnited States\nMobile: +1 616 555 0100';
    expect(only('address', text)).toEqual([
      'address:1317 Kimberly Way\nApt. 962\nGrand Rapids, MI 49503\nUnited States',
    ]);
  });

  it('takes European styles: number after the street, street word first, one-word streets', () => {
    expect(
      only('address', 'Visit us at 12 rue de la Paix, 75002 Paris, or Koskikatu 25, Rovaniemi.'),
    ).toEqual(['address:12 rue de la Paix, 75002 Paris', 'address:Koskikatu 25, Rovaniemi']);
    expect(only('address', 'Our office is on Villacher Strasse 89 near the station.')).toEqual([
      'address:Villacher Strasse 89',
    ]);
    expect(only('address', 'Levél: Erzsébet tér 19.\n1051 Budapest')).toEqual([
      'address:Erzsébet tér 19.\n1051 Budapest',
    ]);
  });

  it('takes post office boxes and military addresses', () => {
    expect(
      only('address', 'Send it to PO Box 4521, Springfield, or PSC 3294, Box 9168\nAPO AA 61487'),
    ).toEqual(['address:PO Box 4521, Springfield', 'address:PSC 3294, Box 9168\nAPO AA 61487']);
  });

  it('takes a named street without a number after on or at', () => {
    expect(only('address', 'The shop is on Oxford Street, near the park.')).toEqual([
      'address:Oxford Street',
    ]);
  });

  it('leaves a number before capitalised words that are no street', () => {
    expect(only('address', 'We shipped 3 Key Points and 2 New Features in Release 5.')).toEqual([]);
  });
});

describe('people’s names', () => {
  it('takes names after greetings and titles, in signatures and in email headers', () => {
    const text = [
      'From: Dunton, Heather',
      'To: Allen, Phillip K.; Belden, Tim',
      'Hi Marek,',
      'Dr. Wells asked whether Ms Okonkwo-Baptiste can join.',
      'Thanks,',
      'Szabina Gelencsér',
    ].join('\n');
    expect(only('person', text)).toEqual([
      'person:Dunton, Heather',
      'person:Allen, Phillip K.',
      'person:Belden, Tim',
      'person:Marek',
      'person:Wells',
      'person:Okonkwo-Baptiste',
      'person:Szabina Gelencsér',
    ]);
  });

  it('takes names from what surrounds them: a relation, a verb of saying, a vocative, a list', () => {
    const text =
      'My colleague Henrik Lindqvist joins at 3. "It works," says Bergqvist. Let Ludmila know. ' +
      'Thabo, can you share it? They had 3: Gaetane, Hannah and Derek.';
    expect(only('person', text)).toEqual([
      'person:Henrik Lindqvist',
      'person:Bergqvist',
      'person:Ludmila',
      'person:Thabo',
      'person:Gaetane',
      'person:Hannah',
      'person:Derek',
    ]);
  });

  it('leaves companies, places, months and capitalised common words', () => {
    const text =
      'Thanks for the update. Acme Inc. and Johnson & Johnson met in Paris in April. Battery Life Report ' +
      'is due Friday; the Exversion Orchestra plays in Kenosha. FYI, the VP wrote in MS Word; Sir bot, stop.';
    expect(only('person', text)).toEqual([]);
  });

  it('finds every mention of a name once one is found, and the org’s contacts wherever they are', () => {
    expect(only('person', 'Hi Siiri, the deck is ready. Siiri will present.')).toEqual([
      'person:Siiri',
      'person:Siiri',
    ]);
    expect(only('person', 'Please ask zofija about it.')).toEqual([]);
    expect(marked('Please ask zofija about it.', { knownNames: ['Zofija Novak'] })).toEqual([
      'person:zofija',
    ]);
  });

  it('leaves the org’s own names alone', () => {
    expect(marked('Dear Harper Lane, welcome.', { allowedTerms: ['Harper Lane'] })).toEqual([]);
  });
});
