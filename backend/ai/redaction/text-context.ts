/** Up to `length` characters before `index`, on the same line. */
export function contextBefore(text: string, index: number, length: number): string {
  const from = Math.max(0, index - length);
  const before = text.slice(from, index);
  return before.slice(before.lastIndexOf('\n') + 1);
}

/** Up to `length` characters after `index`, on the same line. */
export function contextAfter(text: string, index: number, length: number): string {
  const after = text.slice(index, index + length);
  const newline = after.indexOf('\n');
  return newline < 0 ? after : after.slice(0, newline);
}
