import type { ThreadAnalysis } from '../../../../shared/api/threads.ts';
import type { LocalNlp } from './nlp.ts';
import { isCourtesy, type ThreadMessageView } from './thread-messages.ts';

/** VADER's own cut-off between neutral and polar compound scores. */
const polar = 0.05;

/**
 * Politeness that VADER scores as warmth ("please" +1.3, "thanks" +1.9): a customer asking nicely
 * for a fix is not a happy customer, so these words are left out before scoring.
 */
const politeness = /\b(please|pls|kindly|thanks|thank you|thank|cheers|regards|hope|appreciated?)\b/gi;

/**
 * Words VADER hears as warm that in a customer's email are the business at hand: asking for a
 * "credit" on the invoice (+1.6 alone) or writing to "support" is no sign of a happy customer.
 */
const businessTerms = /\b(credits?|credited|discounts?|free of charge|support)\b/gi;

/**
 * What VADER, tuned on social media, hears as neutral or even warm ("still not resolved", "no one
 * has answered"), but which in a customer's email is frustration: such a sentence scores at most
 * `frustrated`.
 */
const frustration =
  /\b(still (not|no|waiting|broken|failing|down|unable|cannot|can['’]?t|hasn['’]?t|haven['’]?t|isn['’]?t|doesn['’]?t)|losing (patience|faith|confidence|trust)|(second|third|fourth|fifth|another) (outage|incident|failure)|not heard back|(have|has)n['’]?t heard|no (one|response|reply|answer)|nobody|yet again|once again|keeps? (failing|crashing|breaking)|unacceptable|escalat\w+|cancel (our|the) (contract|subscription)|looking at (other|alternative) (vendors|options))\b/i;
const frustrated = -0.4;

/**
 * A service failing now, which VADER does not hear at all ("the export is down", "SSO is not
 * working"): such a sentence scores at most `troubled`. Present tense only: "the outage last month
 * is behind us" is no complaint.
 */
const trouble =
  /\b((is|are|has been|have been|keeps going) down|not working|(does|do)n['’]?t work|(is|are) (broken|failing)|unable to (log ?in|sign in|access|export|use))\b/i;
const troubled = -0.3;

/**
 * How the customer sounds: the thread weighs each customer message twice as much as the one before
 * it, so the latest tone leads.
 */
export function customerSentiment(nlp: LocalNlp, messages: ThreadMessageView[]): ThreadAnalysis['sentiment'] {
  let weighted = 0;
  let weights = 0;
  let weight = 1;
  for (const message of messages) {
    if (message.ours) continue;
    weighted += messageSentiment(nlp, message) * weight;
    weights += weight;
    weight *= 2;
  }
  const score = weights ? Math.max(-1, Math.min(1, weighted / weights)) : 0;
  return { score: Math.round(score * 1000) / 1000, label: labelOf(score) };
}

/** The mean of the message's non-neutral sentences; 0 when none has a tone. */
function messageSentiment(nlp: LocalNlp, message: ThreadMessageView): number {
  const scores = message.sentences
    .filter((s) => !isCourtesy(s))
    .map((s) => {
      const score = nlp.sentenceSentiment(s.text.replace(politeness, '').replace(businessTerms, ''));
      if (frustration.test(s.text)) return Math.min(score, frustrated);
      return trouble.test(s.text) ? Math.min(score, troubled) : score;
    })
    .filter((score) => Math.abs(score) >= polar);
  return scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
}

function labelOf(score: number): ThreadAnalysis['sentiment']['label'] {
  if (score >= polar) return 'positive';
  if (score <= -polar) return 'negative';
  return 'neutral';
}
