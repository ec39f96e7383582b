/**
 * What the CSM wrote in a sent message: line endings and spaces made plain, and the quoted history
 * a reply carries below it cut off, so that only their own words are compared with the draft.
 */
export function sentBody(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .split('\n')
    .map((line) => line.trimEnd());
  const historyAt = lines.findIndex((line, i) => startsHistory(line, lines[i + 1]));
  const own = historyAt < 0 ? lines : lines.slice(0, historyAt);
  while (own.length > 0 && (own.at(-1) === '' || own.at(-1)!.startsWith('>'))) own.pop();
  return own
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** "On Mon, Nov 23, 2026 at 9:00 AM Priya <p@acme.example> wrote:", which Gmail may wrap over two lines. */
function startsHistory(line: string, next: string | undefined): boolean {
  if (/^-{2,}\s*(?:original message|forwarded message)\s*-{2,}/i.test(line)) return true;
  if (!/^On\s.{4,}/.test(line)) return false;
  if (/\swrote:$/.test(line)) return true;
  return next !== undefined && /\swrote:$/.test(`${line} ${next}`) && next.length < 120;
}
