import type { Random } from './random.ts';

export type Tone = 'positive' | 'neutral' | 'negative';
export type ConversationKind = 'email' | 'meeting' | 'call' | 'note';

/** What a phrase may mention: the contact's first name, the company, a product area. */
export interface PhraseSlots {
  person: string;
  company: string;
  topic: string;
}

type Phrase = (s: PhraseSlots) => string;

export const topics = [
  'SSO rollout',
  'reporting dashboard',
  'API integration',
  'data export',
  'mobile app',
  'workflow automation',
  'user onboarding',
  'billing portal',
  'Salesforce sync',
  'audit log',
] as const;

const subjects: Record<ConversationKind, readonly Phrase[]> = {
  email: [
    (s) => `Re: ${s.topic} next steps`,
    (s) => `Question about ${s.topic}`,
    () => 'Re: invoice and seat count',
    (s) => `Follow-up: ${s.topic}`,
    () => 'Re: renewal timeline',
  ],
  meeting: [
    () => 'Quarterly business review',
    (s) => `Working session: ${s.topic}`,
    () => 'Onboarding check-in',
    () => 'Roadmap preview',
    () => 'Executive sync',
  ],
  call: [() => 'Check-in call', (s) => `Call about ${s.topic}`, () => 'Renewal planning call'],
  note: [() => 'Account note', (s) => `Note: ${s.topic}`, () => 'Stakeholder update'],
};

const summaries: Record<Tone, readonly Phrase[]> = {
  positive: [
    (s) => `${s.person} confirmed the ${s.topic} went live ahead of schedule and thanked the team.`,
    (s) => `${s.person} is happy with the ${s.topic} and wants to roll it out to two more teams.`,
    (s) => `${s.company} asked for a quote on extra seats after a strong quarter of adoption.`,
    (s) => `${s.person} shared great feedback from end users on the ${s.topic}.`,
    (s) => `Productive session: ${s.person} agreed to be a reference customer.`,
  ],
  neutral: [
    (s) => `${s.person} asked whether the ${s.topic} scales to their data volumes; we sent the docs.`,
    (s) => `Walked ${s.person} through the ${s.topic}; they will review with their team.`,
    (s) => `${s.company} is planning next quarter; ${s.person} will share priorities in two weeks.`,
    (s) => `${s.person} requested an updated invoice with the new billing contact.`,
    (s) => `Reviewed open questions on the ${s.topic}; no blockers raised.`,
  ],
  negative: [
    (s) => `${s.person} is frustrated that the ${s.topic} issue is still unresolved after three weeks.`,
    (s) => `${s.person} said leadership is questioning the value and may not renew.`,
    (s) => `${s.company} is evaluating a competitor; ${s.person} asked for a discount to stay.`,
    (s) => `Escalation: ${s.person} reported repeated outages affecting their ${s.topic}.`,
    (s) => `${s.person} complained about slow support responses and missed commitments.`,
  ],
};

const ticketSubjects: Record<Tone, readonly Phrase[]> = {
  negative: [
    (s) => `Outage: ${s.topic} unavailable for all users`,
    () => 'Data missing after last sync',
    () => 'Users locked out after SSO change',
    (s) => `Repeated errors in ${s.topic}`,
  ],
  neutral: [
    (s) => `How to configure ${s.topic}`,
    () => 'Export takes longer than expected',
    (s) => `Permission question on ${s.topic}`,
  ],
  positive: [() => 'Feature request: bulk edit', (s) => `Small UI glitch in ${s.topic}`],
};

const ticketSummaries: Record<Tone, readonly Phrase[]> = {
  negative: [
    (s) => `${s.person} reports the ${s.topic} is blocking their team; asked for an update every few hours.`,
    (s) => `Third report this month from ${s.company}; ${s.person} is losing patience.`,
  ],
  neutral: [(s) => `${s.person} asked for guidance on the ${s.topic}; shared a help article.`],
  positive: [(s) => `${s.person} flagged a minor issue and thanked support for the quick fix.`],
};

const npsComments: Record<Tone, readonly Phrase[]> = {
  positive: [
    () => 'Great product and a very responsive team.',
    (s) => `The ${s.topic} saves us hours every week.`,
  ],
  neutral: [
    () => 'Does the job; reporting could be better.',
    (s) => `Fine overall, the ${s.topic} is clunky.`,
  ],
  negative: [
    () => 'Too many outages lately and support is slow.',
    (s) => `The ${s.topic} keeps breaking; we are reconsidering.`,
  ],
};

export function conversationSubject(kind: ConversationKind, slots: PhraseSlots, random: Random): string {
  return random.pick(subjects[kind])(slots);
}

export function conversationSummary(tone: Tone, slots: PhraseSlots, random: Random): string {
  return random.pick(summaries[tone])(slots);
}

export function ticketSubject(tone: Tone, slots: PhraseSlots, random: Random): string {
  return random.pick(ticketSubjects[tone])(slots);
}

export function ticketSummary(tone: Tone, slots: PhraseSlots, random: Random): string {
  return random.pick(ticketSummaries[tone])(slots);
}

export function npsComment(score: number, slots: PhraseSlots, random: Random): string {
  const tone: Tone = score >= 9 ? 'positive' : score >= 7 ? 'neutral' : 'negative';
  return random.pick(npsComments[tone])(slots);
}

export const taskTitles = {
  routine: [
    'Send QBR deck',
    'Share onboarding checklist',
    'Schedule renewal call',
    'Introduce new support engineer',
    'Review seat usage',
  ],
  recovery: [
    'Escalation call with the executive sponsor',
    'Follow up on open urgent tickets',
    'Prepare a save plan before renewal',
  ],
} as const;
