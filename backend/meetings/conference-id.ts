/**
 * One spelling per video meeting, whoever read it: Zoom's meeting number without the spaces and
 * dashes people and pages put in it ("812 3456 7890", "812-3456-7890"), Meet's code lower-cased.
 */
export function conferenceKey(raw: string): string {
  const trimmed = raw.trim().toLowerCase();
  return /^[\d\s-]+$/.test(trimmed) ? trimmed.replace(/\D/g, '') : trimmed;
}
