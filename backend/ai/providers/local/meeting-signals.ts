import type { MeetingAnalysis } from '../../../../shared/api/meetings.ts';
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

/** What reads as room to grow: more people, teams, seats or uses. */
const expansionCues: [string, RegExp][] = [
  [
    'new team',
    /\b(new|another|more|other) (teams?|departments?|business units?|regions?|offices?)\b.{0,40}\b(want|interested|onboard|roll ?out|join|access|use|adopt)\w*\b|\b(onboard|roll(ing)? (it )?out to|expand(ing)? to) (the |a |our )?(\w+ )?(team|department|region|office)s?\b/i,
  ],
  [
    'more seats',
    /\b(\d+|twenty|thirty|fifty|hundred|more|additional|extra) (new )?(seats|licen[cs]es|users)\b/i,
  ],
  [
    'new use case',
    /\b(new use cases?|another use case|use it for|wider rollout|expand (the )?(pilot|rollout|usage)|upgrade (to|our plan))\b/i,
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
      for (const [label, cue] of riskCues) if (cue.test(text)) signals.push(signal('risk', label, sentence));
      for (const [label, cue] of expansionCues)
        if (cue.test(text)) signals.push(signal('expansion', label, sentence));
      for (const [name, pattern] of competitorPatterns)
        if (pattern.test(text)) signals.push(signal('competitor', name, sentence));
    }
  return signals.slice(0, 200);
}

function signal(kind: Signal['kind'], label: string, sentence: TurnSentence): Signal {
  return { kind, label, quote: clip(sentence.sentence.text), turn: sentence.turn };
}

/** "I don't know", "let me check", "not sure": a question answered this way is still open. */
const unanswered =
  /^\s*(i (don['’]?t|do not) know|not sure|no idea|good question|let me (check|find out|get back)|i['’]?ll (have to )?(check|find out|get back)|we['’]?ll (have to )?see|tbd|hmm)\b/i;
/** Tag questions and back-channel ("right?", "okay?", "you know?") ask nothing. */
const rhetorical = /^(right|okay|ok|yeah|you know|isn['’]?t it|no|huh|sorry|what)\?$/i;

/**
 * Questions the call left open: a question of at least five words that is the last thing said, or
 * whose next turn by someone else is itself a question or admits not knowing.
 */
export function findOpenQuestions(views: TurnView[]): MeetingAnalysis['openQuestions'] {
  const open: MeetingAnalysis['openQuestions'] = [];
  for (const view of views) {
    const last = view.sentences[view.sentences.length - 1];
    if (!last || !/\?["')\]]*$/.test(last.sentence.text) || last.words < 5) continue;
    if (rhetorical.test(last.sentence.text.trim())) continue;
    const reply = views.slice(view.index + 1).find((v) => v.speaker !== view.speaker);
    if (!reply || unanswered.test(reply.turn.text) || /\?\s*$/.test(reply.turn.text.trim()))
      open.push({ text: clip(last.sentence.text), turn: view.index });
  }
  return open.slice(0, 100);
}
