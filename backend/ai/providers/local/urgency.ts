import type { ThreadAnalysis } from '../../../../shared/api/threads.ts';
import type { FoundAsk } from './asks.ts';
import { resolveDue } from './due-dates.ts';
import type { LocalNlp } from './nlp.ts';
import { isCourtesy, type ThreadMessageView } from './thread-messages.ts';

/** Words that make a thread urgent on their own. "down" only as in "the site is down". */
export const pressingCues =
  /\b(urgent(ly)?|asap|a\.s\.a\.p|emergency|critical|blocker|blocking|blocked|outage|escalat(e|ed|ing|ion)|immediately|right away|as soon as possible|top priority|sev ?1|p1|(is|are|was|were|went|been|goes|going|still) down|down (since|for|again)|stopped working|unusable|can(no|')t (log ?in|access|use))\b/i;
/** Words that raise it a step. */
export const raisingCues =
  /\b(today|tonight|tomorrow|this week|soon|quickly|deadline|waiting|still (not|no|waiting|broken|failing)|again|any update|following up|follow(ing)?-up|not working|broken|failing|frustrat\w*|disappointed|concerned|worried|unacceptable)\b/i;

const hourMs = 3_600_000;

/**
 * How soon the thread needs us, from the customer's latest two messages: pressing words (2 points),
 * raising words (1 each, at most 2), a deadline they name within two days of `now` (2) or within a
 * week (1), and a clearly negative tone (1). Two points make it high; one, or a pending ask, normal.
 */
export function threadUrgency(
  nlp: LocalNlp,
  messages: ThreadMessageView[],
  input: { asks: FoundAsk[]; needsReply: boolean; sentimentScore: number; now: string },
): ThreadAnalysis['urgency'] {
  const recent = messages.filter((m) => !m.ours).slice(-2);
  let points = 0;
  let raising = 0;
  for (const message of recent) {
    for (const sentence of message.sentences) {
      if (isCourtesy(sentence)) continue;
      if (pressingCues.test(sentence.text)) points += 2;
      else if (raisingCues.test(sentence.text)) raising++;
    }
  }
  points += Math.min(raising, 2);
  const now = Date.parse(input.now);
  for (const ask of input.asks) {
    const message = messages[ask.messageIndex];
    if (!message || !recent.includes(message)) continue;
    const due = resolveDue(nlp, ask.quote, message.sentAt);
    if (!due) continue;
    const hoursLeft = (Date.parse(due) - now) / hourMs;
    if (hoursLeft > -24 && hoursLeft <= 48) points += 2;
    else if (hoursLeft > -24 && hoursLeft <= 24 * 7) points += 1;
  }
  if (input.sentimentScore <= -0.3) points += 1;
  if (points >= 2) return 'high';
  return points >= 1 || input.needsReply || input.asks.length > 0 ? 'normal' : 'low';
}
