import type { LifecycleStage, Segment } from '../../shared/enums.ts';
import { companyAt } from './company.ts';
import { csmNames } from './names.ts';
import { type DemoContact, generateContacts } from './people.ts';
import { createRandom, type Random } from './random.ts';
import { type DemoSignal, generateSignals } from './signals.ts';
import { addDays, type DemoActivity, daysBetween, generateActivities, type Outlook } from './timeline.ts';
import { type DemoTask, generateTasks } from './work.ts';

/** The seed every demo book is drawn from: the same book on every machine. */
export const demoSeed = 'cscx-demo-1';
export const demoSource = 'demo';

export interface BookOptions {
  customers: number;
  activities: number;
  /** The run's current moment: renewals fall in the 12 months after its day, activities in the 6 before. */
  now: Date;
  seed?: string;
}

export interface BookPlan {
  seed: string;
  customers: number;
  /** The first day after the book: YYYY-MM-DD (UTC). */
  today: string;
  teamSize: number;
  /** Activities per account: skewed, so a few busy accounts hold many more than the rest. */
  activityCounts: Uint32Array;
}

export interface DemoCustomer {
  externalId: string;
  name: string;
  segment: Segment;
  stage: LifecycleStage;
  arrMinor: number;
  currency: string;
  renewalDate: string;
  /** Position of the owning CSM in the team. */
  ownerIndex: number;
}

export interface DemoContract {
  externalId: string;
  name: string;
  status: 'active' | 'expired';
  startDate: string;
  endDate: string;
  arrMinor: number;
  currency: string;
}

export interface DemoAccount {
  customer: DemoCustomer;
  domains: string[];
  contacts: DemoContact[];
  contracts: DemoContract[];
  activities: DemoActivity[];
  tasks: DemoTask[];
  signals: DemoSignal[];
}

interface AccountProfile {
  segment: Segment;
  outlook: Outlook;
  busyness: number;
}

const segmentBusyness: Record<Segment, number> = { enterprise: 3, mid_market: 1.5, smb: 0.8 };
const arrRange: Record<Segment, [number, number]> = {
  enterprise: [150_000, 1_200_000],
  mid_market: [30_000, 150_000],
  smb: [4_000, 30_000],
};

/**
 * The outlook is the generator's private intent and is never stored: it only shapes the raw data
 * (how recently we spoke, tickets, NPS, tone), which is all that health scoring may look at.
 */
export function profileOf(seed: string, index: number): AccountProfile {
  const random = createRandom(seed, 'profile', index);
  const segment = random.weighted<Segment>([
    ['enterprise', 2],
    ['mid_market', 3.5],
    ['smb', 4.5],
  ]);
  const outlook = random.weighted<Outlook>([
    ['healthy', 40],
    ['steady', 38],
    ['escalating', 12],
    ['quiet', 10],
  ]);
  const busyness = Math.exp(1.1 * random.normal()) * segmentBusyness[segment];
  return { segment, outlook, busyness };
}

export function planBook(options: BookOptions): BookPlan {
  const seed = options.seed ?? demoSeed;
  const n = options.customers;
  const weights = Array.from({ length: n }, (_, i) => profileOf(seed, i).busyness);
  const total = weights.reduce((sum, w) => sum + w, 0);
  // Every account gets a few activities; the rest is shared out by weight (largest remainder).
  const base = n === 0 ? 0 : Math.min(4, Math.floor(options.activities / n));
  const rest = Math.max(0, options.activities - base * n);
  const counts = new Uint32Array(n);
  const remainders: { index: number; fraction: number }[] = [];
  let given = 0;
  weights.forEach((w, index) => {
    const share = total > 0 ? (rest * w) / total : 0;
    counts[index] = base + Math.floor(share);
    given += Math.floor(share);
    remainders.push({ index, fraction: share - Math.floor(share) });
  });
  remainders.sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (let k = 0; k < rest - given; k++) counts[remainders[k]!.index]! += 1;
  return {
    seed,
    customers: n,
    today: options.now.toISOString().slice(0, 10),
    teamSize: Math.min(csmNames.length, Math.max(3, Math.ceil(n / 30))),
    activityCounts: counts,
  };
}

export function customerExternalId(index: number): string {
  return `demo-cust-${String(index + 1).padStart(6, '0')}`;
}

/** One account of the book, drawn from its own random stream: pure and deterministic. */
export function generateAccount(plan: BookPlan, index: number): DemoAccount {
  const profile = profileOf(plan.seed, index);
  const random = createRandom(plan.seed, 'account', index);
  const externalId = customerExternalId(index);
  const company = companyAt(index);
  const contracts = generateContracts(random, profile.segment, plan.today, externalId, company.name);
  const current = contracts[0]!;
  const first = contracts[contracts.length - 1]!;
  const contacts = generateContacts(random, profile.segment, company.domains, externalId);
  const ownerIndex = random.int(0, plan.teamSize - 1);
  const customer: DemoCustomer = {
    externalId,
    name: company.name,
    segment: profile.segment,
    stage: stageFromDates(plan.today, first.startDate, current.endDate),
    arrMinor: current.arrMinor,
    currency: current.currency,
    renewalDate: current.endDate,
    ownerIndex,
  };
  const activities = generateActivities(random, {
    outlook: profile.outlook,
    today: plan.today,
    // Nothing before the relationship began (less a few weeks of hand-over from sales).
    earliest: addDays(first.startDate, -21),
    count: plan.activityCounts[index] ?? 0,
    contacts,
    company: company.name,
    externalPrefix: externalId,
  });
  const tasks = generateTasks(random, {
    outlook: profile.outlook,
    today: plan.today,
    ownerIndex,
    teamSize: plan.teamSize,
    externalPrefix: externalId,
  });
  // A stream of its own, so the rest of the account is drawn as it was before signals existed.
  const signals = generateSignals(createRandom(plan.seed, 'signals', index), {
    outlook: profile.outlook,
    segment: profile.segment,
    today: plan.today,
    contacts,
    externalPrefix: externalId,
  });
  return { customer, domains: company.domains, contacts, contracts, activities, tasks, signals };
}

/** The current contract first, then up to two expired ones before it. */
function generateContracts(
  random: Random,
  segment: Segment,
  today: string,
  externalPrefix: string,
  company: string,
): DemoContract[] {
  const [low, high] = arrRange[segment];
  const arr = Math.round(random.int(low, high) / 100) * 100;
  const currency = random.weighted([
    ['USD', 80],
    ['EUR', 12],
    ['GBP', 8],
  ] as const);
  const endDate = addDays(today, random.int(1, 365));
  const previous = random.weighted([
    [0, 3],
    [1, 4],
    [2, 3],
  ] as const);
  const contracts: DemoContract[] = [];
  let end = endDate;
  let contractArr = arr;
  for (let k = 0; k <= previous; k++) {
    const start = addDays(addYears(end, -1), 1);
    contracts.push({
      externalId: `${externalPrefix}-k${k + 1}`,
      name: `${company} subscription ${start.slice(0, 4)}–${end.slice(0, 4)}`,
      status: k === 0 ? 'active' : 'expired',
      startDate: start,
      endDate: end,
      arrMinor: contractArr * 100,
      currency,
    });
    end = addDays(start, -1);
    contractArr = Math.round((contractArr * (0.8 + random.next() * 0.2)) / 100) * 100;
  }
  return contracts;
}

/** From dates alone: never a risk label, which only the raw data may suggest. */
function stageFromDates(today: string, firstStart: string, renewal: string): LifecycleStage {
  const sinceStart = daysBetween(firstStart, today);
  if (sinceStart < 90) return 'onboarding';
  if (daysBetween(today, renewal) <= 90) return 'renewal';
  return sinceStart >= 730 ? 'growth' : 'adoption';
}

function addYears(isoDate: string, years: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString().slice(0, 10);
}
