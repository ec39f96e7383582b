import type { MeetingAnalysis } from '../../../../shared/api/meetings.ts';
import { expansionLabels } from './meeting-expansion.ts';
import { clip, escapeForPattern } from './meeting-outcomes.ts';
import type { TurnSentence, TurnView } from './meeting-turns.ts';

type Signal = MeetingAnalysis['signals'][number];

/** What a CSM hears as a risk to the account, each under the label the signal carries. */
const riskCues: [string, RegExp][] = [
  [
    'churn',
    /\b(cancel(l?ing|led)?( our| the)? (contract|subscription|account)|churn|not (going to )?renew|won['’]?t renew|terminate (the|our) contract|walk away)\b/i,
  ],
  [
    'budget cut',
    /\b(budget (cuts?|freeze|is (being )?cut|reductions?)|cut(ting)? (the |our )?budget|cost[- ]cutting|spending freeze|reduce (our )?spend)\b/i,
  ],
  [
    'escalation',
    /\b(escalat\w+|unacceptable|(very|really|extremely) (frustrated|unhappy|disappointed)|frustrat\w+|still (not|isn['’]?t|hasn['’]?t) (fixed|resolved|working))\b/i,
  ],
  [
    'alternatives',
    /\b(evaluating|looking at|considering) (other|alternative|another) (vendors?|tools?|options|solutions?|providers?)\b|\bas an alternative\b/i,
  ],
  [
    'downsizing',
    /\b(layoffs?|downsiz\w+|reduce (the )?(number of )?(seats|licen[cs]es)|fewer (seats|licen[cs]es))\b/i,
  ],
];

export function findSignals(views: TurnView[], competitors: string[]): Signal[] {
  const signals: Signal[] = [];
  const competitorPatterns = competitors.map(
    (name) => [name, new RegExp(`\\b${escapeForPattern(name)}\\b`, 'i')] as const,
  );
  for (const view of views)
    for (const sentence of view.sentences) {
      const text = sentence.sentence.text;
      for (const [label, cue, every] of riskCuesWithEvery)
        if (cue.test(text) && saysRisk(sentence, every)) signals.push(signal('risk', label, sentence));
      for (const label of expansionLabels(text)) signals.push(signal('expansion', label, sentence));
      for (const [name, pattern] of competitorPatterns)
        if (pattern.test(text)) signals.push(signal('competitor', name, sentence));
    }
  return signals.slice(0, 200);
}

/** Each risk cue beside its form that finds every occurrence, as `saysRisk` weighs each. */
const riskCuesWithEvery = riskCues.map(
  ([label, cue]) => [label, cue, new RegExp(cue.source, `${cue.flags}g`)] as const,
);

/** Heads that keep a compound about the risk itself: a "churn risk" is a risk, an "escalation report" a report. */
const riskHeads = new Set(
  'risk risks threat danger concern concerns issue issues problem problems'.split(' '),
);
/** "No escalations", "zero churn", "without any escalation", "fewer escalations": the risk is denied or shrinking. */
const denied = /\b(no|zero|without( any)?|fewer|less|not a single|not one)\s+$/i;

/**
 * Whether a risk cue in the sentence says the risk is there. A risk noun that modifies the noun after
 * it names a kind of that thing ("the escalation report", "our churn analysis"), not the event; a
 * noun under a negating or diminishing determiner says it is absent. Any other match counts.
 */
function saysRisk(sentence: TurnSentence, cue: RegExp): boolean {
  const text = sentence.sentence.text;
  for (const match of text.matchAll(cue)) {
    if (denied.test(text.slice(0, match.index))) continue;
    if (!isCompoundModifier(sentence, match.index + match[0].length)) return true;
  }
  return false;
}

function isCompoundModifier(sentence: TurnSentence, end: number): boolean {
  const tokens = sentence.sentence.tokens;
  const at = sentence.sentence.start + end;
  const last = tokens.findLast((t) => t.start < at);
  const next = tokens.find((t) => t.start >= at);
  return (
    last?.pos === 'NOUN' &&
    (next?.pos === 'NOUN' || next?.pos === 'PROPN') &&
    !riskHeads.has(next.normal) &&
    !temporalHeads.has(next.normal)
  );
}

/** "Two escalations yesterday": a time after the noun is not its head. */
const temporalHeads = new Set([
  'today',
  'yesterday',
  'tomorrow',
  'tonight',
  'week',
  'month',
  'quarter',
  'year',
]);

function signal(kind: Signal['kind'], label: string, sentence: TurnSentence): Signal {
  return { kind, label, quote: clip(sentence.sentence.text), turn: sentence.turn };
}
