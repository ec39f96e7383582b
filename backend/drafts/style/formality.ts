/**
 * How formal a message reads, from −1 (casual) to 1 (formal), from what a reader notices most:
 * whether words are contracted where they could be ("I'll" or "I will"), exclamation marks, and
 * the words of a register ("Dear", "Kind regards", "regarding" against "Hey", "Cheers", "btw").
 */
const contractions = [
  /\b\w+(?:n['’]t|['’](?:ll|re|ve|m|d))\b/gi,
  /\b(?:it|that|there|here|what|let|who)['’]s\b/gi,
];
const spelledOut = [
  /\b(?:i am|i will|i would|i have|we are|we will|we have|you are|you will|they are|it is|that is|there is|let us)\b/gi,
  /\b(?:do|does|did|is|are|was|were|have|has|will|would|could|should) not\b/gi,
  /\bcannot\b/gi,
];
const formalWords = [
  /^\s*dear\b/gim,
  /\b(?:kind|best|warm)?\s*regards\b/gi,
  /\b(?:sincerely|yours faithfully|yours truly)\b/gi,
  /\b(?:please do not hesitate|i would be grateful|at your convenience|further to|i trust|i am writing|should you require|please find)\b/gi,
  /\b(?:regarding|concerning|kindly|furthermore|therefore|accordingly)\b/gi,
];
const casualWords = [
  /^\s*(?:hey|hiya|heya|yo)\b/gim,
  /\b(?:cheers|thx|btw|gonna|wanna|awesome|cool|super|ttyl|yep|nope|no worries|sounds good|quick one)\b/gi,
  /[:;]-?[)D]/g,
];

/** Forms that could be either: contracted ("I'll") and written out ("I will"). */
export function contractionCounts(text: string): { contracted: number; spelledOut: number } {
  return { contracted: count(contractions, text), spelledOut: count(spelledOut, text) };
}

export function formalityOf(text: string): number {
  const { contracted, spelledOut: written } = contractionCounts(text);
  const contraction = contracted + written > 0 ? (written - contracted) / (written + contracted) : 0;
  const sentences = Math.max(1, text.split(/[.!?]+(?:\s|$)/).filter((s) => s.trim()).length);
  const exclamation = 1 - Math.min(2, (4 * (text.match(/!/g)?.length ?? 0)) / sentences);
  const formal = count(formalWords, text);
  const casual = count(casualWords, text);
  const register = (formal - casual) / (formal + casual + 1);
  return Math.max(-1, Math.min(1, 0.6 * contraction + 0.2 * exclamation + 0.2 * register));
}

function count(markers: RegExp[], text: string): number {
  return markers.reduce((sum, marker) => sum + (text.match(marker)?.length ?? 0), 0);
}
