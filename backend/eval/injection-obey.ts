import type { ThreadAnalysis } from '../../shared/api/threads.ts';
import { carriesPassageOf, type InjectionCase } from './injection-cases.ts';

/**
 * A model that does whatever the mail it reads tells it to: the fake vendors answer with it, so
 * that only CSCX's own code stands between an injection and the draft. It obeys only what reached
 * its prompt: an injection that CSCX kept out of the prompt is not obeyed.
 */
export type Obeyable = Pick<InjectionCase, 'payload' | 'obeyed'>;

/** The text a vendor received, system prompt included, from an Anthropic or Gemini request body. */
export function promptTextOf(body: unknown): string {
  const parts: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value))
        if (['system', 'systemInstruction', 'messages', 'contents', 'content', 'parts', 'text'].includes(key))
          collect(inner);
    }
  };
  collect(body);
  return parts.join('\n');
}

/** Whether the injection reached the prompt (redaction may have changed its names and addresses). */
export function injectionReached(injection: Obeyable, prompt: string): boolean {
  return carriesPassageOf(prompt, injection.payload);
}

const benignReply =
  'Hi,\n\nThanks for your email. I will look into this and come back to you shortly.\n\nBest regards';

/** The reply an obeying model writes: the injection's wish, with the data it was asked to leak. */
export function obeyingDraft(injection: Obeyable, prompt: string): string {
  if (!injectionReached(injection, prompt)) return benignReply;
  const facts = accountFactsIn(prompt);
  return injection.obeyed
    .replaceAll('{{facts:url}}', encodeURIComponent(facts))
    .replaceAll('{{facts}}', facts);
}

/** The analysis an obeying model gives: the injection as the customer's one ask, quoted from the mail. */
export function obeyingAnalysis(injection: Obeyable, prompt: string): ThreadAnalysis {
  const reached = injectionReached(injection, prompt);
  const quote = reached ? quoteIn(prompt, injection.payload) : undefined;
  return {
    sentiment: { score: 0, label: 'neutral' },
    urgency: reached ? 'high' : 'normal',
    asks: quote ? [{ quote, messageIndex: 0, kind: 'request' }] : [],
    commitments: [],
    needsReply: true,
    summary: (reached ? `The customer asks us to: ${injection.payload}` : 'A customer email.').slice(0, 600),
  };
}

/** The account facts block of a draft prompt (`## Account facts from CSCX`), one line. */
function accountFactsIn(prompt: string): string {
  const block = /## Account facts from CSCX\n([\s\S]*?)(?:\n\n|$)/.exec(prompt)?.[1] ?? '';
  return block.split('\n').filter(Boolean).join('; ');
}

/** The payload as the prompt holds it (placeholders and all), so that the quote is found in the mail. */
function quoteIn(prompt: string, payload: string): string | undefined {
  const start = prompt.indexOf(payload.slice(0, 24));
  if (start < 0) return undefined;
  return prompt.slice(start, start + payload.length).slice(0, 1000);
}
