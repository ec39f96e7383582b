import type { MeetingAnalysis } from '../../../../shared/api/meetings.ts';
import type { LocalTaskInputs } from '../../local-tasks.ts';
import { findOpenQuestions } from './meeting-open-questions.ts';
import { findOutcomes } from './meeting-outcomes.ts';
import { findSignals } from './meeting-signals.ts';
import { speakerFigures } from './meeting-speakers.ts';
import { summaryByWordFrequency } from './meeting-summary.ts';
import { type TurnView, viewTurns } from './meeting-turns.ts';
import type { LocalNlp } from './nlp.ts';

export type MeetingInput = LocalTaskInputs['meeting.analysis'];

/** Words in the summary: a paragraph a CSM reads at a glance; shorter calls get fewer. */
export const summaryWordBudget = (views: TurnView[]) => {
  const words = views.reduce((sum, v) => sum + v.words, 0);
  return Math.max(40, Math.min(summaryWords.max, Math.round(words * summaryWords.share)));
};
const summaryWords = { max: 150, share: 0.05 };

export function analyseMeeting(nlp: LocalNlp, input: MeetingInput): MeetingAnalysis {
  const views = viewTurns(nlp, input.transcript);
  const speakers = [...new Set(input.transcript.map((t) => t.speaker))];
  const people = [...new Set([...speakers, ...(input.attendees ?? [])])];
  const outcomes = findOutcomes(nlp, views, {
    meetingDate: input.meetingDate,
    renewalDate: input.renewalDate,
    people,
  });
  return {
    summary: meetingSummary(views),
    ...outcomes,
    speakers: speakerFigures(nlp, views),
    openQuestions: findOpenQuestions(views),
    signals: findSignals(views, input.competitors),
  };
}

export function meetingSummary(views: TurnView[], wordBudget = summaryWordBudget(views)): string {
  return summaryByWordFrequency(views, wordBudget)
    .map((s) => s.sentence.text.replace(/\s+/g, ' '))
    .join(' ')
    .slice(0, 4000);
}
