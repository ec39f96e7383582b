import { linkKey, linksIn } from './links.ts';

/**
 * What a reply draft must not do unless the CSM asked for it, whatever the mail says: send the
 * thread or the account's data elsewhere, ask for or hand out credentials, change how the customer
 * pays, say it changed approvals or access, or claim an approval nobody gave. A sentence that says it is not to do it ("I won't forward
 * this thread") does not count.
 */
interface Pattern {
  reason: string;
  says: RegExp;
}

const patterns: Pattern[] = [
  {
    reason: 'sends the thread or account data on, which you did not ask for',
    says: /\b(?:forward(?:ed|ing)?|sen[dt]|sending|shar(?:e|ed|ing)|cc(?:'d|ed)?|bcc(?:'d|ed)?|copied|export(?:ed|ing)?|print(?:ed)?)\b[^.!?\n]{0,50}\b(?:(?:this|the|these|whole|entire|full|all)\s+(?:of\s+the\s+)?(?:email\s+)?(?:thread|emails|conversation|messages|chain|history)|(?:full|entire|complete|all|employee|customer|account)\s+(?:\w+\s+)?(?:data|report|records|contacts|list))\b|\bhere (?:is|are) (?:the |your |our )?(?:full|complete|entire|all)\b/i,
  },
  {
    reason: 'asks for or gives credentials',
    says: /\b(?:reset|send|share|provide|give|enter|confirm|verify|update|type|change)\b[^.!?\n]{0,20}\byour\s+(?:\w+\s+)?(?:passwords?|passcodes?|credentials?|api keys?|access tokens?|login details|mfa codes?|one-time (?:codes?|passwords?)|2fa codes?|verification codes?|security codes?)\b|\bhere (?:is|are) (?:the |your |our )?(?:\w+\s+)?(?:passwords?|credentials?|api keys?|access tokens?|login details)\b|\b(?:password|passcode|api key|access token)\s*(?:is|:)\s*\S+/i,
  },
  {
    reason: 'changes payment details',
    says: /\b(?:bank(?:ing)? (?:details|account|information)|account number|routing number|sort code|iban|swift code|wire (?:transfer|the (?:payment|funds))|remittance (?:details|address)|(?:new|updated|changed|different) (?:bank|payment|billing|remittance) (?:details|account|instructions|information)|gift cards?)\b/i,
  },
  {
    reason: 'says it changed approvals, access or permissions, which you did not ask for',
    says: /\b(?:i|we)(?:['’]ve|\s+have)?\s+(?:just\s+|now\s+|already\s+)?(?:set|changed|updated|switched|turned\s+(?:on|off)|disabled|enabled|granted|raised|lowered|reset|removed)\b[^.!?\n]{0,60}\b(?:(?:approval|access|security|sharing|admin)\s+(?:polic(?:y|ies)|settings?|rules?)|permissions?|admin(?:istrator)?\s+(?:rights|access|role)|access\s+(?:rights|levels?)|auto-?approv\w*|to\s+run\s+alone|run\s+(?:alone|automatically)\s+for)\b/i,
  },
  {
    reason: 'claims an approval you did not give',
    says: /\b(?:(?:has|have|is|was|were|been|are)\s+(?:now\s+|already\s+|fully\s+)?(?:approved|authori[sz]ed|signed off|greenlit|granted)|(?:i|we)(?:'ve| have)?\s+(?:already\s+)?(?:approved|authori[sz]ed|signed off on|granted))\b|\b\d+\s?%\s+(?:discount|off|credit|refund)\b/i,
  },
];

const negated = /\b(?:not|never|no|won['’]t|cannot|can['’]t|don['’]t|doesn['’]t|without|unable)\b|n['’]t\b/i;
const sendsTo =
  /\b(?:forward(?:ed|ing)?|sen[dt]|sending|shar(?:e|ed|ing)|cc(?:'d|ed)?|bcc(?:'d|ed)?|copied|email(?:ed)?)\b/i;

/**
 * Why this sentence does what a draft should not, or null. `instruction` is the CSM's own: what it
 * asks for is no flag. `trusted` holds the addresses and links the thread and CSCX's data give.
 */
export function forbiddenMove(
  sentence: string,
  instruction: string | null,
  trusted: Set<string>,
): string | null {
  if (negated.test(sentence)) return null;
  for (const { reason, says } of patterns)
    if (says.test(sentence) && !(instruction && says.test(instruction))) return reason;
  // A foreign address reaches this check already withheld by the link guard, as its marker.
  const withheld = [...sentence.matchAll(/\[link removed: ([^\]]+)\]/g)].map((m) => m[1]!);
  const foreign = linksIn(sentence).filter((l) => l.includes('@') && !trusted.has(linkKey(l)));
  const elsewhere = [...foreign, ...withheld];
  if (elsewhere.length > 0 && sendsTo.test(sentence) && !(instruction && sendsTo.test(instruction)))
    return `sends something to ${elsewhere[0]}, which is in neither the thread nor CSCX’s data`;
  return null;
}
