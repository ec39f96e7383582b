/** The local provider's "tokens": words, so `ai_runs` has figures comparable across calls. */
export function countWords(...texts: string[]): number {
  let count = 0;
  for (const text of texts) count += text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)?.length ?? 0;
  return count;
}
