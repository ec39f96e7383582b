import { systemPrompt } from '../ai/prompt.ts';
import type { PromptBlock } from '../ai/provider.ts';
import type { NumberedFact } from './assemble.ts';

export const briefSystem = systemPrompt(
  [
    'You help a Customer Success Manager prepare for a call with a customer.',
    'Answer with the brief_wording tool only: up to 6 talking points and an agenda of up to 6 items with minutes (about 30 minutes in all).',
    'Use only the numbered facts. Every talking point cites in `refs` the numbers of the facts it rests on; an agenda item cites them too, or none for an opening or a close.',
    'Risks come first, then what we promised or were asked, then open items. Plain, short sentences; no facts that are not listed.',
  ].join(' '),
);

/**
 * The account line as trusted text; the facts in an untrusted block, since their wording quotes
 * customers' emails.
 */
export function briefBlocks(input: {
  customerName: string;
  title: string;
  daysToRenewal: number | null;
  healthBand: string | null;
  facts: NumberedFact[];
}): PromptBlock[] {
  const account = [
    `Customer: ${input.customerName}`,
    `Meeting: ${input.title || 'untitled'}`,
    `Renewal in days: ${input.daysToRenewal ?? 'unknown'}`,
    `Health band: ${input.healthBand ?? 'no score'}`,
  ].join('\n');
  const facts = input.facts.map((f) => `[${f.ref}] (${f.section}) ${f.text}`).join('\n') || 'No facts found.';
  return [
    { label: 'Account', text: account, untrusted: false },
    { label: 'Facts', text: facts, untrusted: true },
  ];
}
