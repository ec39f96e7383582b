import type {
  BriefAttendee,
  BriefClaim,
  BriefFactSection,
  BriefPerson,
  BriefSource,
  MeetingBrief,
} from '../../shared/api/briefs.ts';
import type { ActivityOutput } from '../../shared/api/customers.ts';
import type { HealthBand } from '../../shared/api/health.ts';
import { daysUntil } from '../customers/output.ts';
import { withSentences } from '../health/model/sentences.ts';
import type { BriefFacts, BriefSignal } from './facts.ts';
import { sentimentOf } from './sentiment-trend.ts';

/** The brief without the model's wording, and the facts the wording may cite by number. */
export interface AssembledBrief {
  brief: Omit<MeetingBrief, 'talkingPoints' | 'agenda'>;
  /** Numbered from 1: what the model is shown and cites. */
  facts: NumberedFact[];
}

export interface NumberedFact {
  ref: number;
  section: BriefFactSection;
  text: string;
  sources: BriefSource[];
}

interface Setting {
  attendees: BriefAttendee[];
  orgDomains: string[];
  timeZone: string;
  /** When the brief is made: ages, overdue dates and the renewal countdown are as of it. */
  now: Date;
}

const maxCommitments = 6;

/**
 * Every statement of a brief, written by our code from the rows read, each with the rows it came
 * from: the model only words talking points and an agenda from these.
 */
export function assembleBrief(facts: BriefFacts, setting: Setting): AssembledBrief {
  const ours = (email: string | null) =>
    email !== null && setting.orgDomains.some((d) => email.endsWith(`@${d}`));
  const people = setting.attendees.filter((a) => !ours(a.email)).map((a) => personOf(a, facts));
  const colleagues = setting.attendees.filter((a) => ours(a.email));
  const account = accountOf(facts, setting);
  const openItems = [
    ...callActionClaims(facts),
    ...facts.openTasks.map((t) => taskClaim(t, setting.now)),
    ...(facts.callActions.length === 0 ? lastCallClaims(facts) : []),
  ];
  const { commitments, asks } = emailClaims(facts, setting.now);
  const risks = riskClaims(facts, people, account.daysToRenewal);
  const cited = new Map<string, ActivityOutput>();
  const activityById = activitiesRead(facts);
  const brief: AssembledBrief['brief'] = {
    customer: { id: facts.customer.id, name: facts.customer.name },
    attendees: people,
    colleagues,
    account,
    openItems,
    commitments: [...commitments, ...asks],
    risks,
    activities: [],
  };
  const numbered: NumberedFact[] = [];
  const add = (section: BriefFactSection, claims: BriefClaim[]) => {
    for (const claim of claims) numbered.push({ ref: numbered.length + 1, section, ...claim });
  };
  add('risk', risks);
  add('open_item', openItems);
  add('commitment', commitments);
  add('ask', asks);
  add('account', account.health?.drivers ?? []);
  add(
    'attendee',
    people.flatMap((p) => (p.lastInteraction ? [p.lastInteraction] : [])),
  );
  for (const claim of allClaims(brief)) {
    for (const source of claim.sources) {
      const activity = source.kind === 'activity' ? activityById.get(source.id) : undefined;
      if (activity) cited.set(activity.id, activity);
    }
  }
  brief.activities = [...cited.values()];
  return { brief, facts: numbered };
}

function allClaims(brief: AssembledBrief['brief']): { sources: BriefSource[] }[] {
  return [
    ...brief.attendees.flatMap((p) => [...(p.lastInteraction ? [p.lastInteraction] : []), p.sentiment]),
    ...(brief.account.health
      ? [{ sources: [brief.account.health.source] }, ...brief.account.health.drivers]
      : []),
    ...brief.openItems,
    ...brief.commitments,
    ...brief.risks,
  ];
}

function activitiesRead(facts: BriefFacts): Map<string, ActivityOutput> {
  const all = [
    ...facts.lastTouches.values(),
    ...facts.emails.map((e) => e.activity),
    ...facts.pastCalls,
    ...facts.openTickets,
    ...(facts.latestNps ? [facts.latestNps] : []),
    ...facts.signalCalls,
    ...facts.callActions.map((c) => c.call),
  ];
  return new Map(all.map((a) => [a.id, a]));
}

const activitySource = (a: { id: string }): BriefSource => ({ kind: 'activity', id: a.id });

export function formatDay(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

const kindLabel: Record<ActivityOutput['kind'], string> = {
  email: 'Email',
  meeting: 'Meeting',
  call: 'Call',
  note: 'Note',
  ticket: 'Ticket',
  nps: 'NPS answer',
};

function personOf(attendee: BriefAttendee, facts: BriefFacts): BriefPerson {
  const contact = facts.contacts.find((c) => c.email === attendee.email);
  const touch = contact ? facts.lastTouches.get(contact.id) : undefined;
  const theirs = contact ? facts.emails.filter((e) => e.activity.contactId === contact.id) : [];
  return {
    email: attendee.email,
    name: contact?.name || attendee.name || attendee.email || 'Guest',
    contactId: contact?.id ?? null,
    title: contact?.title ?? '',
    role: contact?.role ?? null,
    lastInteraction: touch
      ? {
          text: `${kindLabel[touch.kind]} “${touch.subject || touch.summary || kindLabel[touch.kind]}” on ${formatDay(touch.occurredAt)}`,
          sources: [activitySource(touch)],
        }
      : null,
    sentiment: sentimentOf(theirs),
  };
}

function accountOf(facts: BriefFacts, setting: Setting): MeetingBrief['account'] {
  const { customer, health } = facts;
  const healthSource: BriefSource = { kind: 'health', id: customer.id };
  return {
    arrMinor: customer.arrMinor,
    currency: customer.currency,
    stage: customer.stage,
    renewalDate: customer.renewalDate,
    daysToRenewal: customer.renewalDate
      ? daysUntil(customer.renewalDate, setting.now, setting.timeZone)
      : null,
    health: health
      ? {
          score: health.score,
          band: health.band as HealthBand,
          computedAt: health.computedAt.toISOString(),
          source: healthSource,
          drivers: withSentences(health.drivers)
            .sort((a, b) => a.contribution - b.contribution)
            .slice(0, 3)
            .map((d) => ({
              text: d.sentence,
              severity: d.severity,
              sources: [d.evidence ?? healthSource],
            })),
        }
      : null,
  };
}

function taskClaim(task: BriefFacts['openTasks'][number], now: Date): BriefClaim {
  const overdue = task.dueDate !== null && Date.parse(`${task.dueDate}T23:59:59Z`) < now.getTime();
  const due = task.dueDate
    ? `, due ${formatDay(`${task.dueDate}T00:00:00Z`)}${overdue ? ' (overdue)' : ''}`
    : '';
  return { text: `Open task: ${task.title}${due}`, sources: [{ kind: 'task', id: task.id }] };
}

/** What the last recorded calls left to do, as the call record shows it (the CSM's edits kept). */
function callActionClaims(facts: BriefFacts): BriefClaim[] {
  return facts.callActions.flatMap(({ call, items }) =>
    items.map((item) => {
      const who = item.owner ? `${item.owner}` : 'nobody yet';
      const due = item.due ? `, due ${formatDay(item.due)}` : '';
      return {
        text: `From “${call.subject || kindLabel[call.kind]}” on ${formatDay(call.occurredAt)}: ${item.text} (${who}${due})`,
        sources: [activitySource(call)],
      };
    }),
  );
}

function lastCallClaims(facts: BriefFacts): BriefClaim[] {
  const last = facts.pastCalls.find((c) => c.summary.trim() !== '');
  if (!last) return [];
  const summary = last.summary.trim().split(/(?<=[.!?])\s/)[0] ?? '';
  return [
    {
      text: `From the last ${last.kind}, “${last.subject || kindLabel[last.kind]}” on ${formatDay(last.occurredAt)}: ${summary}`,
      sources: [activitySource(last)],
    },
  ];
}

function emailClaims(facts: BriefFacts, now: Date): { commitments: BriefClaim[]; asks: BriefClaim[] } {
  const commitments: BriefClaim[] = [];
  const asks: BriefClaim[] = [];
  for (const { activity, analysis } of facts.emails) {
    for (const c of analysis.commitments) {
      const overdue = c.due !== null && Date.parse(c.due) < now.getTime();
      const due = c.due ? ` (due ${formatDay(c.due)}${overdue ? ', overdue' : ''})` : '';
      commitments.push({ text: `We said: “${c.quote}”${due}`, sources: [activitySource(activity)] });
    }
    // An ask still waits on us only while the thread's last word is theirs.
    if (analysis.needsReply)
      for (const a of analysis.asks)
        asks.push({ text: `They asked: “${a.quote}”`, sources: [activitySource(activity)] });
  }
  return { commitments: commitments.slice(0, maxCommitments), asks: asks.slice(0, maxCommitments) };
}

function riskClaims(facts: BriefFacts, people: BriefPerson[], daysToRenewal: number | null): BriefClaim[] {
  const risks: BriefClaim[] = [];
  const { health, customer } = facts;
  const healthSource: BriefSource = { kind: 'health', id: customer.id };
  if (health && health.band !== 'healthy')
    risks.push({
      text: `Health ${Math.round(health.score)} (${health.band === 'at_risk' ? 'at risk' : 'watch'})`,
      sources: [healthSource],
    });
  if (daysToRenewal !== null && daysToRenewal >= 0 && daysToRenewal <= 120 && health?.band !== 'healthy')
    risks.push({
      text: `Renewal in ${daysToRenewal} days${health ? ` with health at ${Math.round(health.score)}` : ''}`,
      sources: [healthSource],
    });
  for (const ticket of facts.openTickets)
    if (ticket.ticketPriority === 'urgent' || ticket.ticketPriority === 'high')
      risks.push({
        text: `Open ${ticket.ticketPriority} ticket: ${ticket.subject || 'untitled'} (since ${formatDay(ticket.occurredAt)})`,
        sources: [activitySource(ticket)],
      });
  const calls = new Set(facts.signalCalls.map((c) => c.id));
  for (const signal of facts.signals) risks.push(signalClaim(signal, calls));
  const nps = facts.latestNps;
  if (nps?.npsScore !== null && nps?.npsScore !== undefined && nps.npsScore <= 6)
    risks.push({
      text: `Detractor NPS ${nps.npsScore} on ${formatDay(nps.occurredAt)}`,
      sources: [activitySource(nps)],
    });
  for (const person of people)
    if (person.sentiment.trend === 'declining')
      risks.push({
        text: `${person.name}’s emails have turned more negative`,
        sources: person.sentiment.sources,
      });
  return risks;
}

/** `calls`: the activities read; a signal's call that is gone is not cited. */
function signalClaim(signal: BriefSignal, calls: ReadonlySet<string>): BriefClaim {
  const on = formatDay(signal.observedAt);
  const sources: BriefSource[] = [{ kind: 'signal', id: signal.id }];
  if (signal.detail.activityId && calls.has(signal.detail.activityId))
    sources.push({ kind: 'activity', id: signal.detail.activityId });
  if (signal.kind === 'stakeholder.left') {
    const role = signal.detail.role ? ` (${signal.detail.role.replace('_', ' ')})` : '';
    return { text: `${signal.detail.name ?? 'A stakeholder'}${role} left on ${on}`, sources };
  }
  if (signal.kind === 'call.competitor')
    return { text: `${signal.detail.competitor ?? 'A competitor'} came up on a call on ${on}`, sources };
  return {
    text: `Risk words on a call on ${on} (${signal.value} mention${signal.value === 1 ? '' : 's'})`,
    sources,
  };
}
