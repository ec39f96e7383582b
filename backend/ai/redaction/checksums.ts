/** Luhn (mod 10) over the digits of a card number: catches every single-digit typo. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * IBAN lengths by country (the SWIFT IBAN registry): a country code with the wrong length is no IBAN,
 * whatever its check digits say.
 */
const ibanLengths: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

/** ISO 13616: the registry length for its country, and mod 97 = 1 with the first four characters moved to the end. */
export function isValidIban(compact: string): boolean {
  const iban = compact.toUpperCase();
  if (ibanLengths[iban.slice(0, 2)] !== iban.length || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : char.charCodeAt(0) - 48;
    remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/**
 * A US Social Security number the SSA could have issued: area not 000, 666 or 9xx, group not 00,
 * serial not 0000 (and not the two numbers printed on sample cards).
 */
export function isValidSsn(area: string, group: string, serial: string): boolean {
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  if (group === '00' || serial === '0000') return false;
  return !['078051120', '219099999'].includes(area + group + serial);
}

/** A US ITIN: like an SSN but area 9xx with group 50–65, 70–88, 90–92 or 94–99. */
export function isValidItin(area: string, group: string): boolean {
  const g = Number(group);
  return (
    area.startsWith('9') && ((g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || g >= 94)
  );
}

/** A UK National Insurance number's prefix: HMRC never issues these pairs. */
export function isValidNinoPrefix(prefix: string): boolean {
  return !['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(prefix.toUpperCase());
}

const dniLetters = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** A Spanish DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter): the letter is the number mod 23. */
export function isValidDniOrNie(value: string): boolean {
  const upper = value.toUpperCase();
  const match = /^([XYZ]?)(\d{7,8})([A-Z])$/.exec(upper);
  if (!match) return false;
  const [, nieLetter = '', digits = '', letter] = match;
  if ((nieLetter === '' ? 8 : 7) !== digits.length) return false;
  const prefix = nieLetter ? String('XYZ'.indexOf(nieLetter)) : '';
  return dniLetters[Number(prefix + digits) % 23] === letter;
}
