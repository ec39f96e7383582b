import type { BriefFactSection } from '../../shared/api/briefs.ts';
import type { DraftIntent, DraftLength, DraftTone, StyleProfile } from '../../shared/api/drafts.ts';
import type { TranscriptTurn } from '../../shared/api/meetings.ts';
import type { AnalyzeThreadInput, ThreadAnalysis, ThreadMessage } from '../../shared/api/threads.ts';

/**
 * The structured form of each kind of model call, which the local provider answers from directly.
 * A feature adds its kind here and its handler in `providers/local/`.
 */
export interface LocalTaskInputs {
  'thread.analysis': {
    subject: string;
    messages: AnalyzeThreadInput['messages'];
    /** Addresses of the org's own people: their messages are "ours", the others the customer's. */
    ownAddresses: string[];
    /** When the analysis is made: relative dates ("by Friday") resolve against each message's date or this. */
    now: string;
  };
  'draft.reply': {
    intent: DraftIntent;
    instruction: string | null;
    tone: DraftTone;
    length: DraftLength;
    subject: string;
    /** The thread being answered, oldest first; empty for a new message. */
    messages: ThreadMessage[];
    /** The thread's analysis: the asks the draft must answer, our commitments. Null without a thread. */
    analysis: ThreadAnalysis | null;
    customer: {
      name: string;
      /** ISO date, or null. */
      renewalDate: string | null;
      /** Formatted with currency, e.g. "$120,000", or null. */
      arr: string | null;
      openTickets: { subject: string; priority: string | null; openedAt: string }[];
      lastMeeting: { subject: string; occurredAt: string } | null;
      openTasks: { title: string; dueDate: string | null }[];
    };
    /** Who the reply goes to (the customer's last sender), for the greeting. */
    recipient: { name: string } | null;
    sender: { name: string };
    style: StyleProfile | null;
    /** Knowledge passages a later issue fills; cite as [1], [2] when used. */
    knowledge: { id: string; title: string; text: string }[];
    now: string;
  };
  'meeting.analysis': {
    transcript: TranscriptTurn[];
    /** When the call took place, ISO with offset: "by Friday" resolves against it. */
    meetingDate: string;
    /** The account's renewal, for "before the renewal". */
    renewalDate?: string;
    competitors: string[];
    attendees?: string[];
  };
  'meeting.brief': {
    customerName: string;
    title: string;
    daysToRenewal: number | null;
    healthBand: string | null;
    /** What our code found, numbered: talking points and agenda items cite these refs. */
    facts: { ref: number; section: BriefFactSection; text: string }[];
  };
}

export type LocalTask = {
  [K in keyof LocalTaskInputs]: { kind: K; input: LocalTaskInputs[K] };
}[keyof LocalTaskInputs];
