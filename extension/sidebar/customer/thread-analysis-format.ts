import { TRPCClientError } from '@trpc/client';
import type { AnalyzeThreadOutput, ThreadAnalysis } from '../../../shared/api/threads.ts';
import { classifyApiError, errorMessage } from '../connection/api-error.ts';

type Tone = 'plain' | 'warn' | 'danger' | 'good';

export interface Chip {
  text: string;
  tone: Tone;
}

/** Sentiment with its score, urgency, and whether the customer waits on us: the line read first. */
export function analysisChips(analysis: ThreadAnalysis): Chip[] {
  const { label, score } = analysis.sentiment;
  const sentimentTone: Record<typeof label, Tone> = {
    negative: 'danger',
    neutral: 'plain',
    positive: 'good',
  };
  const urgencyTone: Record<ThreadAnalysis['urgency'], Tone> = {
    low: 'plain',
    normal: 'plain',
    high: 'danger',
  };
  return [
    { text: `${capitalised(label)} (${signedScore(score)})`, tone: sentimentTone[label] },
    { text: `${capitalised(analysis.urgency)} urgency`, tone: urgencyTone[analysis.urgency] },
    analysis.needsReply
      ? { text: 'Needs a reply', tone: 'warn' }
      : { text: 'No reply needed', tone: 'plain' },
  ];
}

/** "+0.42", "−0.60" (a real minus sign), "0.00". */
function signedScore(score: number): string {
  const fixed = Math.abs(score).toFixed(2);
  if (fixed === '0.00') return fixed;
  return `${score < 0 ? '−' : '+'}${fixed}`;
}

const providerNames: Record<string, string> = {
  local: 'the local analyser',
  anthropic: 'Anthropic',
  gemini: 'Gemini',
};

/** Who answered, and when the chosen provider failed, which one it was. */
export function answeredBy(result: AnalyzeThreadOutput): string {
  const who = `${providerNames[result.provider] ?? result.provider} (${result.model})`;
  const fallback = result.fellBackFrom
    ? ` after ${providerNames[result.fellBackFrom] ?? result.fellBackFrom} failed`
    : '';
  return `Analysed by ${who}${fallback}.`;
}

const loggedWords: Record<AnalyzeThreadOutput['logged'], string> = {
  recorded: 'Added to the timeline.',
  updated: 'Updated on the timeline.',
  unchanged: 'On the timeline.',
  off: 'Not logged: the organisation turned logging Gmail threads off.',
  not_logged: 'Not logged on the timeline.',
};

export function loggedNote(result: AnalyzeThreadOutput): string {
  return loggedWords[result.logged];
}

/** A due date in the reader's own locale and zone, with the weekday: "Fri, Apr 24, 2026". */
export function formatDue(iso: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(iso));
}

/** Why there is no analysis, in words a CSM can act on. */
export function analysisFailure(error: unknown): string {
  const code = error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : null;
  if (code === 'TOO_MANY_REQUESTS')
    return 'Too many analyses in the last minute. Wait a moment, then try again.';
  if (code === 'TIMEOUT') return 'The model took too long to answer. Try again.';
  const kind = classifyApiError(error);
  if (kind === 'unreachable') return 'The backend did not answer. Check that it is running, then try again.';
  if (kind === 'unauthorized') return 'Your session ended. Sign in again.';
  if (kind === 'forbidden') return 'Your role may not analyse threads.';
  return `The thread could not be analysed: ${errorMessage(error)}`;
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
