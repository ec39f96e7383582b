import type { BriefWording } from '../../../../shared/api/briefs.ts';
import type { LocalTaskInputs } from '../../local-tasks.ts';

type BriefTask = LocalTaskInputs['meeting.brief'];
type Fact = BriefTask['facts'][number];

const maxPoints = 6;

/**
 * Talking points and an agenda from the brief's numbered facts, each citing the facts it is made
 * of: risks first (they decide the call), then what we owe them, then what is open, then the
 * renewal. Deterministic, and fast enough to run on every brief.
 */
export function wordMeetingBrief(input: BriefTask): BriefWording {
  const of = (section: Fact['section']) => input.facts.filter((f) => f.section === section);
  const risks = of('risk');
  // The score and the renewal date get points of their own; the other risks are things that happened.
  const concrete = risks.filter((f) => !/^(Health|Renewal) /.test(f.text));
  const owed = [...of('commitment'), ...of('ask')];
  const open = of('open_item');
  const points: BriefWording['talkingPoints'] = [
    ...concrete.slice(0, 2).map((f) => pointOn(f, 'acknowledge it and agree a next step')),
    ...owed.slice(0, 2).map((f) => pointOn(f, 'close the loop')),
    ...open.slice(0, 2).map((f) => pointOn(f, 'check progress')),
  ];
  const renewal = renewalPoint(input, risks);
  if (renewal) points.push(renewal);
  const score = risks.find((f) => f.text.startsWith('Health '));
  if (score && points.length < 3) points.push(pointOn(score, 'ask what would move the score'));
  const strengths = of('account').slice(0, 1);
  if (points.length === 0 && strengths[0]) points.push(pointOn(strengths[0], 'build on what works'));
  return { talkingPoints: points.slice(0, maxPoints), agenda: agendaOf(input, { risks, owed, open }) };
}

/** The fact first, as the CSM reads down the list, then what to do about it. */
function pointOn(fact: Fact, move: string): BriefWording['talkingPoints'][number] {
  return { text: `${fact.text} — ${move}`, refs: [fact.ref] };
}

function renewalPoint(input: BriefTask, risks: Fact[]): BriefWording['talkingPoints'][number] | null {
  const days = input.daysToRenewal;
  if (days === null || days < 0 || days > 120) return null;
  const cited = risks.find((f) => f.text.startsWith('Renewal'));
  if (!cited) return null;
  return {
    text: `Renewal is ${days} days out: agree the decision steps and who signs`,
    refs: [cited.ref],
  };
}

function agendaOf(
  input: BriefTask,
  parts: { risks: Fact[]; owed: Fact[]; open: Fact[] },
): BriefWording['agenda'] {
  const refs = (facts: Fact[]) => facts.slice(0, 5).map((f) => f.ref);
  const agenda: BriefWording['agenda'] = [
    { text: `Goals for “${input.title || `the call with ${input.customerName}`}”`, minutes: 5, refs: [] },
  ];
  if (parts.owed.length + parts.open.length > 0)
    agenda.push({
      text: 'Open items and what we promised',
      minutes: 10,
      refs: refs([...parts.owed, ...parts.open]),
    });
  if (parts.risks.length > 0)
    agenda.push({ text: 'Concerns on their side and ours', minutes: 10, refs: refs(parts.risks) });
  // Half an hour in all: their priorities get the time the open items or the concerns leave.
  const used = agenda.reduce((sum, item) => sum + item.minutes, 0);
  if (used < 25)
    agenda.push({
      text: `${input.customerName}’s priorities for the coming quarter`,
      minutes: 25 - used,
      refs: [],
    });
  agenda.push({ text: 'Next steps, owners and dates', minutes: 5, refs: [] });
  return agenda;
}
