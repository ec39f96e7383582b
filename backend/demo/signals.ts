import type { Segment, SignalKind, SignalPeriod } from '../../shared/enums.ts';
import type { SignalDetail } from '../signals/schema.ts';
import type { DemoContact } from './people.ts';
import type { Random } from './random.ts';
import type { Outlook } from './timeline.ts';

export interface DemoSignal {
  eventId: string;
  kind: SignalKind;
  period: SignalPeriod;
  observedAt: string;
  value: number;
  detail: SignalDetail;
}

export interface SignalsInput {
  outlook: Outlook;
  segment: Segment;
  today: string;
  contacts: readonly DemoContact[];
  externalPrefix: string;
}

const weeks = 13;
const dayMs = 86_400_000;

const seatRange: Record<Segment, [number, number]> = {
  enterprise: [150, 800],
  mid_market: [40, 150],
  smb: [5, 40],
};

/** How usage moves over the 13 weeks, by outlook: a share of seats active, and where it ends up. */
interface UsageShape {
  activeShare: [number, number];
  /** The last week's level against the first's; a fall starts `fallFromWeek` weeks in. */
  endFactor: [number, number];
  fallFromWeek: number;
  loginsPerUser: [number, number];
  adoption: [number, number];
}

const usageShapes: Record<Outlook, UsageShape> = {
  healthy: {
    activeShare: [75, 90],
    endFactor: [100, 108],
    fallFromWeek: 0,
    loginsPerUser: [45, 60],
    adoption: [65, 85],
  },
  steady: {
    activeShare: [50, 70],
    endFactor: [95, 103],
    fallFromWeek: 0,
    loginsPerUser: [30, 40],
    adoption: [45, 60],
  },
  escalating: {
    activeShare: [60, 80],
    endFactor: [45, 60],
    fallFromWeek: 7,
    loginsPerUser: [30, 40],
    adoption: [55, 70],
  },
  quiet: {
    activeShare: [20, 35],
    endFactor: [70, 85],
    fallFromWeek: 4,
    loginsPerUser: [15, 25],
    adoption: [20, 35],
  },
};

/**
 * An account's last quarter of product signals: weekly active users, logins and feature adoption
 * against its seats, satisfaction answers, stakeholder changes and billing. Like the timeline, the
 * outlook shows only through the numbers (falling logins, a champion who left, an overdue invoice).
 * Ids are by position, so a run on a later day names the same events and adds nothing.
 */
export function generateSignals(random: Random, input: SignalsInput): DemoSignal[] {
  const out: DemoSignal[] = [];
  const add = (kind: SignalKind, period: SignalPeriod, at: Date, value: number, detail: SignalDetail = {}) =>
    out.push({
      eventId: `${input.externalPrefix}-s${out.length + 1}`,
      kind,
      period,
      observedAt: at.toISOString(),
      value,
      detail,
    });
  const today = Date.parse(`${input.today}T00:00:00Z`);
  const thisMonday = today - ((new Date(today).getUTCDay() + 6) % 7) * dayMs;
  const firstWeek = thisMonday - weeks * 7 * dayMs;

  const seats = random.int(...seatRange[input.segment]);
  add('usage.seats', 'instant', new Date(firstWeek + 9 * 3_600_000), seats);
  const shape = usageShapes[input.outlook];
  const share = random.int(...shape.activeShare) / 100;
  const endFactor = random.int(...shape.endFactor) / 100;
  const loginsPerUser = random.int(...shape.loginsPerUser) / 10;
  const adoption = random.int(...shape.adoption) / 100;
  for (let week = 0; week < weeks; week++) {
    const monday = new Date(firstWeek + week * 7 * dayMs);
    const level = levelAt(week, shape.fallFromWeek, endFactor) * (1 + (random.next() - 0.5) * 0.08);
    const active = Math.max(1, Math.min(seats, Math.round(seats * share * level)));
    add('usage.active_users', 'week', monday, active);
    add('usage.logins', 'week', monday, Math.round(active * loginsPerUser * level));
    add('usage.feature_adoption', 'week', monday, round2(Math.min(1, adoption * (0.5 + level / 2))));
  }

  addSurveys(random, input.outlook, today, add);
  addStakeholderChange(random, input, today, add);
  addBilling(random, input.outlook, today, add);
  return out;
}

/** 1 until the fall starts, then a straight line down (or up) to `endFactor` at the last week. */
function levelAt(week: number, fallFromWeek: number, endFactor: number): number {
  if (week < fallFromWeek) return 1;
  const span = weeks - 1 - fallFromWeek;
  return span <= 0 ? endFactor : 1 + ((endFactor - 1) * (week - fallFromWeek)) / span;
}

type Add = (kind: SignalKind, period: SignalPeriod, at: Date, value: number, detail?: SignalDetail) => void;

const daysAgo = (today: number, days: number, random: Random) =>
  new Date(today - days * dayMs + random.int(9 * 60, 17 * 60) * 60_000);

const csatAnswers: Record<Outlook, { count: [number, number]; score: [number, number] }> = {
  healthy: { count: [2, 3], score: [4, 5] },
  steady: { count: [1, 2], score: [3, 5] },
  escalating: { count: [2, 3], score: [1, 3] },
  quiet: { count: [0, 1], score: [3, 4] },
};

function addSurveys(random: Random, outlook: Outlook, today: number, add: Add): void {
  const { count, score } = csatAnswers[outlook];
  for (let n = random.int(...count); n > 0; n--)
    add('survey.csat', 'instant', daysAgo(today, random.int(2, 60), random), random.int(...score));
}

/** Troubled and quiet accounts may have lost their champion (now and then a steady one too). */
function addStakeholderChange(random: Random, input: SignalsInput, today: number, add: Add): void {
  const champion = input.contacts.find((c) => c.role === 'champion');
  const leftChance: Record<Outlook, number> = { healthy: 0, steady: 0.03, escalating: 0.6, quiet: 0.35 };
  if (champion && random.chance(leftChance[input.outlook])) {
    const age = input.outlook === 'quiet' ? random.int(20, 120) : random.int(10, 60);
    add('stakeholder.left', 'instant', daysAgo(today, age, random), 1, {
      name: champion.name,
      email: champion.email,
      role: 'champion',
    });
  }
}

/** A reading a month for three months: current, except an invoice now overdue at a few troubled accounts. */
function addBilling(random: Random, outlook: Outlook, today: number, add: Add): void {
  const overdueChance: Record<Outlook, number> = { healthy: 0, steady: 0, escalating: 0.35, quiet: 0.25 };
  const overdue = random.chance(overdueChance[outlook]);
  for (const age of [75, 45, 15]) {
    const late = overdue && age === 15 ? random.int(20, 45) : 0;
    add('billing.status', 'instant', daysAgo(today, age, random), late, {
      status: late > 0 ? 'overdue' : 'current',
    });
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
