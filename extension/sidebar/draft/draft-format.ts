import { TRPCClientError } from '@trpc/client';
import type { DraftIntent, DraftLength, DraftTone } from '../../../shared/api/drafts.ts';
import { classifyApiError, errorMessage } from '../connection/api-error.ts';
import type { ComposeWriteOutcome } from './use-compose-writer.ts';
import type { DraftDone } from './use-draft-stream.ts';

export const intentNames: Record<DraftIntent, string> = {
  reply: 'Reply',
  follow_up: 'Follow-up',
  check_in: 'Check-in',
  renewal: 'Renewal',
  custom: 'Custom',
};

export const toneNames: Record<DraftTone, string> = { concise: 'Concise', warm: 'Warm', formal: 'Formal' };

export const lengthNames: Record<DraftLength, string> = { short: 'Short', medium: 'Medium', long: 'Long' };

const providerNames: Record<string, string> = {
  local: 'the local writer',
  anthropic: 'Anthropic',
  gemini: 'Gemini',
};

/** Who wrote the draft, and when the chosen provider failed, which one it was. */
export function writtenBy(done: DraftDone): string {
  const who = `${providerNames[done.provider] ?? done.provider} (${done.model})`;
  const fallback = done.fellBackFrom
    ? ` after ${providerNames[done.fellBackFrom] ?? done.fellBackFrom} failed`
    : '';
  return `Written by ${who}${fallback}.`;
}

/** Why there is no draft, or why it stopped short, in words a CSM can act on. */
export function draftFailure(error: unknown, started: boolean): string {
  const code = error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : null;
  if (code === 'TOO_MANY_REQUESTS')
    return 'Too many drafts in the last minute. Wait a moment, then try again.';
  if (code === 'TIMEOUT') return 'The model took too long to answer. Try again.';
  if (code === 'NOT_FOUND')
    return 'This customer is no longer in CSCX. Look them up again in the Customer tab.';
  const kind = classifyApiError(error);
  if (kind === 'unreachable')
    return started
      ? 'The connection to the backend broke off. What was written so far is kept; try again.'
      : 'The backend did not answer. Check that it is running, then try again.';
  if (kind === 'unauthorized') return 'Your session ended. Sign in again.';
  if (kind === 'forbidden') return 'Your role may not write drafts.';
  return `${started ? 'The draft stopped before it was finished' : 'The draft could not be written'}: ${errorMessage(error)}`;
}

const insertWords: Record<ComposeWriteOutcome, string> = {
  inserted: 'Inserted into the reply at the cursor. Edit it there, then send it with Gmail’s Send.',
  'stopped-before-flagged':
    'The reply has the draft up to a sentence CSCX flagged; the rest is only here. Check the flagged passages below.',
  'no-compose': 'No reply is open in Gmail. Press Reply there, then Insert again.',
  failed: 'Gmail did not take the text. Click into the reply, then try again.',
  'no-answer': 'Gmail did not answer. Reload the Gmail tab, then try again.',
};

export function insertNote(outcome: ComposeWriteOutcome): string {
  return insertWords[outcome];
}
