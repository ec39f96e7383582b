import type { ActivityKind, ContactRole } from '../../shared/enums.ts';
import type { DemoContact } from './people.ts';
import {
  conversationSubject,
  conversationSummary,
  npsComment,
  type PhraseSlots,
  type Tone,
  ticketSubject,
  ticketSummary,
  topics,
} from './phrases.ts';
import type { Random } from './random.ts';

/** How an account is doing, as the generator intends it; visible only through the data it shapes. */
export type Outlook = 'healthy' | 'steady' | 'escalating' | 'quiet';

export interface DemoActivity {
  externalId: string;
  contactExternalId: string | null;
  kind: ActivityKind;
  occurredAt: string;
  subject: string;
  summary: string;
  ticketStatus: 'open' | 'pending' | 'solved' | 'closed' | null;
  ticketPriority: 'low' | 'normal' | 'high' | 'urgent' | null;
  npsScore: number | null;
}

export interface TimelineInput {
  outlook: Outlook;
  today: string;
  earliest: string;
  count: number;
  contacts: readonly DemoContact[];
  company: string;
  externalPrefix: string;
}

const windowDays = 182;

interface OutlookShape {
  /** Days since the most recent conversation (email, meeting or call). */
  lastTouch: [number, number];
  tone: readonly (readonly [Tone, number])[];
  nps: [number, number];
}

const shapes: Record<Outlook, OutlookShape> = {
  healthy: { lastTouch: [1, 6], tone: tones(6, 3, 1), nps: [9, 10] },
  steady: { lastTouch: [3, 25], tone: tones(2, 6, 2), nps: [7, 8] },
  escalating: { lastTouch: [1, 7], tone: tones(1, 3, 6), nps: [0, 4] },
  quiet: { lastTouch: [45, 120], tone: tones(1, 5, 4), nps: [3, 6] },
};

const fillKinds: readonly (readonly [ActivityKind, number])[] = [
  ['email', 40],
  ['meeting', 14],
  ['call', 10],
  ['note', 12],
  ['ticket', 18],
  ['nps', 6],
];

/**
 * An account's last six months. A few "signal" activities come first and carry its outlook (the
 * most recent conversation, the latest NPS answer, recent urgent tickets); the rest fill the window
 * before them in the same spirit.
 */
export function generateActivities(random: Random, input: TimelineInput): DemoActivity[] {
  const shape = shapes[input.outlook];
  const oldest = Math.max(1, Math.min(windowDays, daysBetween(input.earliest, input.today)));
  const lastTouch = Math.min(oldest, random.int(...shape.lastTouch));
  const out: DemoActivity[] = [];
  const add = (kind: ActivityKind, age: number, tone: Tone, extra: Partial<DemoActivity> = {}) => {
    if (out.length >= input.count) return;
    const contact = pickContact(random, input.contacts, kind);
    const slots: PhraseSlots = {
      person: contact?.firstName ?? 'The customer',
      company: input.company,
      topic: random.pick(topics),
    };
    const activity: DemoActivity = {
      externalId: `${input.externalPrefix}-a${out.length + 1}`,
      contactExternalId: kind === 'note' ? null : (contact?.externalId ?? null),
      kind,
      occurredAt: timeOn(input.today, age, random),
      subject: '',
      summary: '',
      ticketStatus: null,
      ticketPriority: null,
      npsScore: null,
      ...extra,
    };
    if (kind === 'ticket') {
      activity.subject = ticketSubject(tone, slots, random);
      activity.summary = ticketSummary(tone, slots, random);
    } else if (kind === 'nps') {
      activity.subject = 'NPS survey response';
      activity.summary = npsComment(activity.npsScore ?? 7, slots, random);
    } else {
      activity.subject = conversationSubject(kind, slots, random);
      activity.summary = conversationSummary(tone, slots, random);
    }
    out.push(activity);
  };

  const signalTone: Record<Outlook, Tone> = {
    healthy: 'positive',
    steady: 'neutral',
    escalating: 'negative',
    quiet: 'neutral',
  };
  add(random.pick(['email', 'meeting', 'call'] as const), lastTouch, signalTone[input.outlook]);
  const npsAge =
    input.outlook === 'quiet' ? random.int(lastTouch, oldest) : Math.min(oldest, random.int(3, 45));
  if (input.outlook !== 'quiet' || random.chance(0.6))
    add('nps', npsAge, 'neutral', { npsScore: random.int(...shape.nps) });
  if (input.outlook === 'escalating')
    for (let t = random.int(1, 3); t > 0; t--)
      add('ticket', Math.min(oldest, random.int(1, 14)), 'negative', {
        ticketStatus: random.chance(0.7) ? 'open' : 'pending',
        ticketPriority: random.chance(0.6) ? 'urgent' : 'high',
      });

  while (out.length < input.count) {
    const kind = random.weighted(fillKinds);
    // Conversations stay older than the last touch; a quiet account has nothing newer at all.
    const newest =
      input.outlook === 'quiet' || (kind !== 'ticket' && kind !== 'nps')
        ? lastTouch + 1
        : kind === 'nps'
          ? 50
          : 1;
    const age = random.int(Math.min(newest, oldest), oldest);
    const tone = input.outlook === 'escalating' && age < 60 ? 'negative' : random.weighted(shape.tone);
    if (kind === 'ticket') add(kind, age, tone, fillTicket(random, input.outlook, age));
    else if (kind === 'nps') add(kind, age, tone, { npsScore: fillNps(random, input.outlook, age) });
    else add(kind, age, tone);
  }
  return out;
}

/** Old tickets are resolved; recent ones are open, and only troubled accounts have urgent ones. */
function fillTicket(random: Random, outlook: Outlook, age: number): Partial<DemoActivity> {
  const troubled = outlook === 'escalating';
  const ticketStatus =
    age > 21
      ? random.pick(['solved', 'closed'] as const)
      : random.pick(['open', 'pending', 'solved'] as const);
  const ticketPriority = troubled
    ? random.weighted([
        ['normal', 3],
        ['high', 3],
        ['urgent', 2],
      ] as const)
    : random.weighted([['low', 3], ['normal', 5], ...(age > 21 ? ([['high', 1]] as const) : [])] as const);
  return { ticketStatus, ticketPriority };
}

function fillNps(random: Random, outlook: Outlook, age: number): number {
  const ranges: Record<Outlook, [number, number]> = {
    healthy: [8, 10],
    steady: [6, 9],
    // The decline shows: older answers were better.
    escalating: age > 90 ? [6, 9] : [2, 6],
    quiet: [4, 8],
  };
  return random.int(...ranges[outlook]);
}

const contactPreference: Record<ActivityKind, Partial<Record<ContactRole, number>>> = {
  email: { champion: 5, executive_sponsor: 1, decision_maker: 1, technical: 2, billing: 1, user: 2 },
  meeting: { champion: 5, executive_sponsor: 2, decision_maker: 2, technical: 1, user: 1 },
  call: { champion: 5, executive_sponsor: 1, decision_maker: 1, technical: 1, user: 1 },
  note: { champion: 3, executive_sponsor: 1 },
  ticket: { technical: 4, user: 4, champion: 1 },
  nps: { champion: 1, executive_sponsor: 1, decision_maker: 1, technical: 1, billing: 1, user: 1 },
};

function pickContact(random: Random, contacts: readonly DemoContact[], kind: ActivityKind) {
  const preference = contactPreference[kind];
  const weighted = contacts.map((c) => [c, preference[c.role] ?? 0.2] as const);
  return weighted.length > 0 ? random.weighted(weighted) : undefined;
}

/** A working-hours moment `age` whole days before `today` (never today, so never in the future). */
function timeOn(today: string, age: number, random: Random): string {
  const dayStart = Date.parse(`${today}T00:00:00Z`) - Math.max(1, age) * 86_400_000;
  return new Date(dayStart + random.int(8 * 60, 18 * 60 - 1) * 60_000).toISOString();
}

function tones(positive: number, neutral: number, negative: number) {
  return [
    ['positive', positive],
    ['neutral', neutral],
    ['negative', negative],
  ] as const;
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
