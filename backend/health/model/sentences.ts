import type { DriverFacts, HealthComponent, HealthDriver } from '../../../shared/api/health.ts';
import type { StoredDriver } from './components.ts';

type Facts = DriverFacts;

const num = (facts: Facts, key: string): number | null => {
  const value = facts[key];
  return typeof value === 'number' ? value : null;
};
const str = (facts: Facts, key: string): string | null => {
  const value = facts[key];
  return typeof value === 'string' ? value : null;
};
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const formatDay = (isoDay: string) =>
  new Date(`${isoDay}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });

function usage(f: Facts): string {
  const users = num(f, 'activeUsersChangePct');
  const logins = num(f, 'loginsChangePct');
  const who = str(f, 'period') === 'week' ? 'Weekly active users' : 'Active users';
  const worst = [
    users === null ? null : { what: who, pct: users },
    logins === null ? null : { what: 'Logins', pct: logins },
  ]
    .filter((x): x is { what: string; pct: number } => x !== null)
    .sort((a, b) => a.pct - b.pct)[0];
  if (worst && worst.pct <= -10) return `${worst.what} down ${-worst.pct} % in 30 days`;
  if (worst && worst.pct >= 10) return `${worst.what} up ${worst.pct} % in 30 days`;
  const used = num(f, 'utilizationPct');
  const seats = num(f, 'seats');
  const active = num(f, 'activeUsers');
  if (used !== null && seats !== null && active !== null)
    return `${Math.round(active)} of ${plural(seats, 'seat')} in use (${used} %)${worst ? ', steady' : ''}`;
  const adoption = num(f, 'adoptionPct');
  if (adoption !== null) return `${adoption} % of key features in use`;
  return 'Usage steady over the last 60 days';
}

function support(f: Facts): string {
  const urgent = num(f, 'openUrgent') ?? 0;
  const high = num(f, 'openHigh') ?? 0;
  const other = num(f, 'openOther') ?? 0;
  if (urgent > 0) {
    const days = num(f, 'oldestUrgentOpenDays');
    return `${plural(urgent, 'urgent ticket')} open${days !== null && days > 0 ? ` for ${plural(days, 'day')}` : ''}`;
  }
  const open = high + other;
  if (open === 0) {
    const recent = num(f, 'opened30d') ?? 0;
    return recent > 0
      ? `No open tickets (${recent} opened and solved in 30 days)`
      : 'No open support tickets';
  }
  const days = num(f, 'oldestOpenDays');
  const kind =
    high > 0 ? `${plural(open, 'ticket')} open, ${high} high priority` : `${plural(open, 'ticket')} open`;
  return days !== null && days > 7 ? `${kind}, the oldest for ${days} days` : kind;
}

function surveys(f: Facts): string {
  const latest = num(f, 'npsLatest');
  const answers = num(f, 'npsAnswers') ?? 0;
  const mean = num(f, 'npsMean');
  const csat = num(f, 'csatMean');
  const parts: string[] = [];
  if (latest !== null) {
    const kind = latest <= 6 ? 'detractor' : latest >= 9 ? 'promoter' : 'passive';
    parts.push(
      answers > 1
        ? `Latest NPS ${latest} (${kind}), ${mean} average of ${answers} answers`
        : `NPS ${latest} (${kind})`,
    );
  }
  if (csat !== null) parts.push(`CSAT ${csat} of 5`);
  return `${parts.join('; ')} in 90 days`;
}

function sentiment(f: Facts): string {
  const mean = num(f, 'mean') ?? 0;
  const threads = num(f, 'threads') ?? 0;
  const shift = num(f, 'shift');
  const tone = mean <= -0.05 ? 'negative' : mean >= 0.05 ? 'positive' : 'neutral';
  const trend =
    shift !== null && Math.abs(shift) >= 0.2 ? (shift < 0 ? ', getting worse' : ', improving') : '';
  return `Email sentiment ${tone} across ${plural(threads, 'thread')} in 90 days${trend}`;
}

function calls(f: Facts): string {
  const risk = num(f, 'risk') ?? 0;
  const competitor = num(f, 'competitor') ?? 0;
  const expansion = num(f, 'expansion') ?? 0;
  const name = str(f, 'competitorName');
  const parts: string[] = [];
  if (risk > 0) parts.push(plural(risk, 'risk mention'));
  if (competitor > 0) parts.push(`${plural(competitor, 'competitor mention')}${name ? ` (${name})` : ''}`);
  if (expansion > 0) parts.push(plural(expansion, 'expansion mention'));
  return parts.length ? `${parts.join(', ')} on calls in 90 days` : 'Calls in 90 days raised no risk';
}

function engagement(f: Facts): string {
  const days = num(f, 'daysSinceLastTouch') ?? 0;
  const meetings = num(f, 'meetings90d') ?? 0;
  const touch = days === 0 ? 'Last touch today' : `Last touch ${plural(days, 'day')} ago`;
  return `${touch}; ${plural(meetings, 'meeting')} in 90 days`;
}

function stakeholders(f: Facts): string {
  const champion = str(f, 'championLeft');
  const sponsor = str(f, 'sponsorLeft');
  const left = (who: string, name: string, on: string | null, replaced: unknown) =>
    `${who}${name ? ` ${name}` : ''} left${on ? ` on ${formatDay(on)}` : ''}${replaced === true ? ' (a new one joined)' : ''}`;
  const parts: string[] = [];
  if (champion !== null) parts.push(left('Champion', champion, str(f, 'championLeftOn'), f.championReplaced));
  if (sponsor !== null)
    parts.push(left('Executive sponsor', sponsor, str(f, 'sponsorLeftOn'), f.sponsorReplaced));
  if (parts.length) return parts.join('; ');
  const champions = num(f, 'champions') ?? 0;
  return champions > 0 ? `${plural(champions, 'champion')} in place` : 'Executive sponsor in place';
}

function renewal(f: Facts): string {
  const days = num(f, 'daysToRenewal') ?? 0;
  const date = str(f, 'renewalDate');
  const on = date ? ` (${formatDay(date)})` : '';
  const when =
    days < 0
      ? `Renewal date passed ${plural(-days, 'day')} ago${on}`
      : days === 0
        ? `Renewal due today${on}`
        : `Renewal in ${plural(days, 'day')}${on}`;
  const term = num(f, 'termMonths');
  if (term === null) return when;
  return term <= 1 ? `${when}, on a monthly plan` : `${when}, on a ${term}-month term`;
}

function tenure(f: Facts): string {
  const months = num(f, 'months') ?? 0;
  if (months >= 24) return `Customer for ${Math.floor(months / 12)} years`;
  return months < 1 ? 'Customer for less than a month' : `Customer for ${plural(months, 'month')}`;
}

function billing(f: Facts): string {
  const status = str(f, 'status');
  const late = num(f, 'daysPastDue') ?? 0;
  if (status === 'failed') return 'Last payment failed';
  if (status === 'cancelled') return 'Billing cancelled';
  if (late > 0) return `Invoice ${plural(late, 'day')} past due`;
  return f.autopay === false ? 'Billing current, paid by hand (no autopay)' : 'Billing current';
}

const writers: Record<HealthComponent, (facts: Facts) => string> = {
  usage,
  support,
  surveys,
  sentiment,
  calls,
  engagement,
  stakeholders,
  renewal,
  billing,
  tenure,
};

/** The sentence a CSM reads for a driver, written from its stored numbers. */
export function driverSentence(driver: Pick<StoredDriver, 'component' | 'facts'>): string {
  return writers[driver.component](driver.facts);
}

export function withSentences(drivers: StoredDriver[]): HealthDriver[] {
  return drivers.map((driver) => ({ ...driver, sentence: driverSentence(driver) }));
}
