import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyseMeeting, summaryWordBudget } from '../ai/providers/local/meeting-analysis.ts';
import { type TurnSentence, viewTurns } from '../ai/providers/local/meeting-turns.ts';
import { loadLocalNlp } from '../ai/providers/local/nlp.ts';
import { DomainError } from '../domain-error.ts';
import { leadSummary, textRankSummary } from './meetings-baselines.ts';
import { type QmsumMeeting, readQmsumFolder } from './meetings-qmsum.ts';
import { rougeL, rougeN, rougeTokens } from './meetings-rouge.ts';

export const summaryMethods = {
  local: 'local provider (stem frequency, SumBasic-style)',
  lead: 'lead-k (first sentences)',
  textRank: 'TextRank',
} as const;
type SummaryMethod = keyof typeof summaryMethods;

/** Means over the meetings, ROUGE F1 in points (0–100). */
export interface SummaryFigures {
  rouge1: number;
  rouge2: number;
  rougeL: number;
  /** Summary words over the human summary's words. */
  lengthRatio: number;
}

export interface MeetingsEvalReport {
  meetings: number;
  /** Mean words of the human whole-meeting summaries. */
  referenceWords: number;
  methods: Record<SummaryMethod, SummaryFigures>;
  evidence: {
    /** Specific queries asking about decisions or actions. */
    queries: number;
    /** Of those, queries for which a decision or action item cites a turn inside the query's spans. */
    cited: number;
    recall: number;
    /** Decisions and action items per meeting, and the share of a meeting's turns they cite. */
    itemsPerMeeting: number;
    turnsCitedShare: number;
    /**
     * The recall a blind citer would expect, citing as many turns of each meeting, drawn at random:
     * with spans of a hundred turns, citing more of anything finds more, and this is that share.
     */
    blindRecall: number;
  };
}

/** A fixed date: relative due dates do not enter any figure here. */
const meetingDate = '2026-01-05T10:00:00+00:00';

export async function evaluateMeetings(dataset: string): Promise<MeetingsEvalReport> {
  const meetings = readQmsumFolder(dataset);
  const nlp = await loadLocalNlp();
  const scores: Record<SummaryMethod, SummaryFigures[]> = { local: [], lead: [], textRank: [] };
  const evidence = { queries: 0, cited: 0, items: 0, turnsCitedShare: 0, blindCited: 0 };
  for (const meeting of meetings) {
    const views = viewTurns(nlp, meeting.transcript);
    const analysis = analyseMeeting(nlp, { transcript: meeting.transcript, meetingDate, competitors: [] });
    const budget = summaryWordBudget(views);
    const reference = rougeTokens(meeting.summary);
    scores.local.push(figuresOf(analysis.summary, reference));
    scores.lead.push(figuresOf(textOf(leadSummary(views, budget)), reference));
    scores.textRank.push(figuresOf(textOf(textRankSummary(views, budget)), reference));
    const turns = new Set([...analysis.decisions, ...analysis.actionItems].map((item) => item.turn));
    const found = citedQueries(meeting, turns);
    evidence.queries += meeting.outcomeQueries.length;
    evidence.cited += found;
    evidence.items += analysis.decisions.length + analysis.actionItems.length;
    evidence.turnsCitedShare += turns.size / views.length;
    evidence.blindCited += blindCitedQueries(meeting, turns.size);
  }
  return {
    meetings: meetings.length,
    referenceWords: mean(meetings.map((m) => rougeTokens(m.summary).length)),
    methods: {
      local: meanFigures(scores.local),
      lead: meanFigures(scores.lead),
      textRank: meanFigures(scores.textRank),
    },
    evidence: {
      queries: evidence.queries,
      cited: evidence.cited,
      recall: evidence.queries ? evidence.cited / evidence.queries : 0,
      itemsPerMeeting: evidence.items / meetings.length,
      turnsCitedShare: evidence.turnsCitedShare / meetings.length,
      blindRecall: evidence.queries ? evidence.blindCited / evidence.queries : 0,
    },
  };
}

function citedQueries(meeting: QmsumMeeting, turns: Set<number>): number {
  return meeting.outcomeQueries.filter((q) =>
    q.spans.some(([from, to]) => [...turns].some((turn) => turn >= from && turn <= to)),
  ).length;
}

/**
 * How many of the meeting's queries `cited` turns drawn at random (without repeats) would be expected
 * to hit: per query 1 − C(N−S, k) / C(N, k), S the turns inside its spans, N the meeting's turns.
 */
function blindCitedQueries(meeting: QmsumMeeting, cited: number): number {
  const turns = meeting.transcript.length;
  let expected = 0;
  for (const query of meeting.outcomeQueries) {
    const inside = new Set<number>();
    for (const [from, to] of query.spans)
      for (let turn = Math.max(0, from); turn <= Math.min(to, turns - 1); turn++) inside.add(turn);
    let missAll = 1;
    for (let i = 0; i < cited; i++) missAll *= Math.max(0, turns - inside.size - i) / (turns - i);
    expected += 1 - missAll;
  }
  return expected;
}

function textOf(sentences: TurnSentence[]): string {
  return sentences.map((s) => s.sentence.text).join(' ');
}

function figuresOf(summary: string, reference: string[]): SummaryFigures {
  const tokens = rougeTokens(summary);
  return {
    rouge1: rougeN(tokens, reference, 1).f1 * 100,
    rouge2: rougeN(tokens, reference, 2).f1 * 100,
    rougeL: rougeL(tokens, reference).f1 * 100,
    lengthRatio: reference.length ? tokens.length / reference.length : 0,
  };
}

function meanFigures(rows: SummaryFigures[]): SummaryFigures {
  return {
    rouge1: mean(rows.map((r) => r.rouge1)),
    rouge2: mean(rows.map((r) => r.rouge2)),
    rougeL: mean(rows.map((r) => r.rougeL)),
    lengthRatio: mean(rows.map((r) => r.lengthRatio)),
  };
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

export function formatMeetingsEvalTable(report: MeetingsEvalReport): string {
  const header = ['summariser', 'ROUGE-1', 'ROUGE-2', 'ROUGE-L', 'length ratio'];
  const rows = (Object.keys(summaryMethods) as SummaryMethod[]).map((key) => {
    const f = report.methods[key];
    return [
      summaryMethods[key],
      ...[f.rouge1, f.rouge2, f.rougeL].map((n) => n.toFixed(2)),
      f.lengthRatio.toFixed(2),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const { evidence } = report;
  return [
    `whole-meeting summaries of ${report.meetings} meeting(s) against the human summary ` +
      `(${report.referenceWords.toFixed(0)} words on average); ROUGE F1 ×100, stemmed; same word budget for every summariser`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `evidence recall: ${evidence.cited} of ${evidence.queries} decision and action queries ` +
      `(${(evidence.recall * 100).toFixed(1)} %) have a decision or action item citing a turn inside their span`,
    `  ${evidence.itemsPerMeeting.toFixed(1)} decisions and action items per meeting, citing ` +
      `${(evidence.turnsCitedShare * 100).toFixed(1)} % of its turns; as many turns cited at random ` +
      `would be expected to find ${(evidence.blindRecall * 100).toFixed(1)} %`,
    '',
  ].join('\n');
}

export async function runMeetingsEval(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { dataset: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (!values.dataset) throw new DomainError('BAD_REQUEST', 'eval meetings needs --dataset DIR');
  if (!existsSync(values.dataset))
    throw new DomainError('BAD_REQUEST', `eval meetings: ${values.dataset} does not exist`);
  const report = await evaluateMeetings(values.dataset);
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatMeetingsEvalTable(report));
}
