import { z } from 'zod';

export const id = z.uuid();
export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'not an email address' }).max(320));
export const domain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/^@/, '').replace(/\.$/, ''))
  .pipe(
    z
      .string()
      .max(253)
      .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/, 'not a domain name'),
  );
export const currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code');
export const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'not an IANA time zone');

export const pageInput = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** What a command with nothing else to say answers. */
export const okOutput = z.object({ ok: z.literal(true) });
