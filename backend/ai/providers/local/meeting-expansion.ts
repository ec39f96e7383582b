/**
 * What reads as room to grow on an account, in general English forms: more seats or licences, another
 * team, office or region taking the product up, a move to a higher plan, a new use for it. Each cue is
 * a phrase; `expansionLabels` drops the ones a negation in the same clause takes back ("we won't add
 * seats this year").
 */

/**
 * Parts of a customer that adopt a product on their own. "Group" is left out: in talk it is often
 * the people in the room.
 */
const unit = `(teams?|departments?|divisions?|offices?|regions?|business units?|subsidiar(y|ies)|sites?|branch(es)?|locations?|entit(y|ies)|countries)`;
/** "Team member", "team structure", "office hours": the unit word modifying another noun is not the unit. */
const notACompound = String.raw`(?![- ](members?|mates?|leads?|leaders?|managers?|structure|meetings?|names?|size|lunch|building|events?|channels?|calls?|hours|space|party)\b)`;
const product = '(it|this|the (platform|product|tool|system|app))';
/** Access to the product, not to something in it: "asked for access", not "access to the invoices". */
const access = `(access(?! to\\b)|access to ${product})`;
/** Taking the product up: "onboard", "roll it out", "get access", "use it", "start on the platform". */
const adopting = String.raw`(onboard\w*|on board|adopt\w*|roll\w* (it |this )?out|sign\w* up|get(ting)? ${access}|${access}|join\w*|us(e|ing) ${product}|start\w* (on|with|using)|try\w* (it|this))`;
const wanting = String.raw`(want\w*|interested|would like|['’]d like|ask\w*( for)?|plan\w*|going to|keen|eager|excited|need\w*)`;
/** Words before a unit that make it the one already there, not another: "my team", "the whole team". */
const sameUnit = `(the|a|an|my|our|your|their|his|her|this|that|whole|entire|same|own|current|existing|core)`;

/** A count said in figures or words: "30", "twenty", "a dozen". */
const count = String.raw`(\d+|a few|several|a dozen|dozens of|hundreds of|ten|eleven|twelve|fifteen|(twen|thir|for|fif|six|seven|eigh|nine)ty|(one|two|three|four|five|a) hundred)`;

const cues: [string, RegExp][] = [
  [
    'new team',
    new RegExp(
      [
        // "another team wants to use it", "a new office is starting on the platform"
        String.raw`\b(new|another|other|more|additional|second|third|sister|further) (\w+ )?${unit}\b${notACompound}.{0,40}?\b(${wanting} .{0,20}?)?${adopting}`,
        // "roll it out to the EMEA office", "the rollout to the regional offices", "expand to two more sites"
        String.raw`\b(roll\w* (it |this )?out|rollout|expand\w*( it| this)?|extend\w*( it| this)?|bring\w* (it|this)|deploy\w*( it| this)?) to (the |a |an |our |their |another |other |more |two |three |all )?(\w+ ){0,2}${unit}\b${notACompound}`,
        // "the analytics team wants to onboard as well", "our Berlin office would like access"
        String.raw`\b(?!${sameUnit}\b)[a-z]+ ${unit}\b${notACompound} (\w+ ){0,2}${wanting} (to )?(\w+ ){0,2}${adopting}`,
      ].join('|'),
      'i',
    ),
  ],
  [
    'more seats',
    new RegExp(
      [
        // "thirty more seats", "additional licences", "another twenty users", "twenty new seats"
        String.raw`\b(more|additional|extra|another( \w+)?|${count} new) (new )?(seats|licen[cs]es|users|logins)\b`,
        // "add 30 seats", "buy another ten licences", "increase our seat count"
        String.raw`\b(add\w*|onboard\w*|buy\w*|purchas\w*|order\w*|need\w*|request\w*|expand\w*|increas\w*|grow\w*) (\w+ ){0,3}(seats|licen[cs]es|logins|seat count|licen[cs]e count)\b`,
      ].join('|'),
      'i',
    ),
  ],
  [
    'upgrade',
    /\bupgrad\w* .{0,30}?\b(plan|tier|edition|package|subscription|enterprise|premium)\b|\b(mov\w*|go(ing)?|step\w*) up to (a |the )?(higher|bigger|premium|enterprise|top|next) (tier|plan|edition|package)\b/i,
  ],
  [
    'new use case',
    /\b(new use cases?|another use case|wider rollout|expand (the )?(pilot|rollout|usage))\b|\b(also|want\w* to|plan\w* to|start\w*|like to) (\w+ ){0,2}us(e|ing) it for\b/i,
  ],
];

/** A negation that takes back what follows it in its clause. */
const negation =
  /\b(not|no|never|none|won['’]t|don['’]t|doesn['’]t|didn['’]t|isn['’]t|aren['’]t|wasn['’]t|wouldn['’]t|can['’]t|cannot|unlikely|without)\b/i;
/** Where a clause starts: after a comma, semicolon, dash or "but". */
const clauseStart = /.*(?:[,;:—–]|\bbut\b)/is;

/** The expansion labels a sentence says, each once. */
export function expansionLabels(text: string): string[] {
  const labels: string[] = [];
  for (const [label, cue] of cues) {
    const match = cue.exec(text);
    if (!match) continue;
    const before = text.slice(0, match.index);
    const clause = before.replace(clauseStart, '');
    if (!negation.test(clause) && !negation.test(match[0])) labels.push(label);
  }
  return labels;
}
