import type { Session, SessionStore } from '../../../extension/lib/session-store.ts';
import type { ContextOutput, CustomerSummary } from '../../../shared/api/customers.ts';
import type { AnalyzeThreadOutput } from '../../../shared/api/threads.ts';
import type {
  CalendarEventContext,
  GmailThreadContext,
  HostContext,
  ZoomMeetingContext,
} from '../../../shared/host-context.ts';

type CustomerContext = NonNullable<ContextOutput['customer']>;

let seq = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

export function aCustomerSummary(overrides: Partial<CustomerSummary> = {}): CustomerSummary {
  return {
    id: uuid(),
    name: 'Acme Robotics',
    domains: ['acme-robotics.test'],
    segment: 'mid_market',
    stage: 'renewal',
    ownerId: null,
    arrMinor: 4_200_000,
    currency: 'USD',
    renewalDate: '2026-06-30',
    source: 'cscx',
    externalId: null,
    updatedAt: '2026-04-01T10:00:00.000Z',
    ...overrides,
  };
}

export function aCustomerContext(overrides: Partial<CustomerContext> = {}): CustomerContext {
  const summary = aCustomerSummary(overrides);
  return {
    ...summary,
    owner: { id: uuid(), name: 'Sam Carter', email: 'csm@cscx.localhost' },
    daysToRenewal: 45,
    matchedContacts: [
      {
        id: uuid(),
        customerId: summary.id,
        email: 'dana.reyes@acme-robotics.test',
        name: 'Dana Reyes',
        title: 'VP Operations',
        role: 'champion',
      },
    ],
    recentActivities: [
      {
        id: uuid(),
        kind: 'meeting',
        occurredAt: '2026-04-10T15:00:00.000Z',
        subject: 'Quarterly business review',
        summary: '',
        contactId: null,
        ticketStatus: null,
        ticketPriority: null,
        npsScore: null,
        source: 'cscx',
      },
    ],
    openTaskCount: 3,
    openTasks: [],
    health: null,
    pendingApprovals: [],
    ...overrides,
  };
}

export function aMatch(customer: CustomerContext, others: CustomerSummary[] = []): ContextOutput {
  const reason = {
    contactEmails: [],
    domainMatches: [],
    topicName: null,
    contactNames: [],
    calendarEvent: null,
    summary: `matched ${customer.domains[0]}`,
  };
  return {
    candidates: [customer, ...others].map((c) => ({
      customer: aCustomerSummary(c),
      reason,
      lastActivityAt: null,
    })),
    customer,
    unmatchedEmails: [],
  };
}

export function aCalendarEvent(overrides: Partial<CalendarEventContext> = {}): CalendarEventContext {
  return {
    host: 'calendar',
    eventId: 'evt1',
    recurringEventId: null,
    calendarId: null,
    title: 'Acme Robotics — Renewal planning',
    start: '2026-04-26T14:00',
    end: '2026-04-26T15:00',
    recurrence: null,
    location: null,
    attendees: [
      { email: 'csm@cscx.localhost', name: 'Sam Carter' },
      { email: 'dana.reyes@acme-robotics.test', name: 'Dana Reyes' },
    ],
    guestListShortened: false,
    description: '',
    conferenceUrl: null,
    conference: null,
    ...overrides,
  };
}

export function aZoomRecording(overrides: Partial<ZoomMeetingContext> = {}): ZoomMeetingContext {
  return {
    host: 'zoom',
    page: 'recording',
    meetingId: null,
    recordingId: 'rec1',
    topic: 'Globex Industrial <> CSCX — Quarterly business review',
    startTime: null,
    participants: [{ email: null, name: 'Hank Scorpio', kind: 'person' }],
    ...overrides,
  };
}

/** The fixture's thread (tests/fixtures/gmail/thread-acme.html) as the Gmail adapter reads it. */
export function aGmailThread(overrides: Partial<GmailThreadContext> = {}): GmailThreadContext {
  return {
    host: 'gmail',
    view: 'thread',
    threadId: '18f3a2b4c5d6e7f8',
    subject: 'Renewal terms and SSO rollout',
    participants: [
      { email: 'dana.reyes@acme-robotics.test', name: 'Dana Reyes', roles: ['from', 'recipient'] },
      { email: 'csm@cscx.localhost', name: 'Sam Carter', roles: ['from', 'recipient'] },
    ],
    messages: [
      {
        from: 'dana.reyes@acme-robotics.test',
        fromName: 'Dana Reyes',
        sentAt: '2026-04-21T09:12:00-07:00',
        text: 'Hi Sam,\n\nBefore we sign the renewal we need a quote for 40 more seats.\nCan you send the updated terms by Friday?\n\nDana',
      },
      {
        from: 'csm@cscx.localhost',
        fromName: 'Sam Carter',
        sentAt: '2026-04-21T11:40:00-07:00',
        text: 'Hi Dana,\n\nThe seat quote follows tomorrow.\n\nSam',
      },
    ],
    ...overrides,
  };
}

/** What `threads.analyze` answers for that thread with the local provider. */
export function aThreadAnalysis(overrides: Partial<AnalyzeThreadOutput> = {}): AnalyzeThreadOutput {
  return {
    analysis: {
      sentiment: { score: -0.12, label: 'neutral' },
      urgency: 'high',
      asks: [
        { quote: 'we need a quote for 40 more seats', messageIndex: 0, kind: 'request' },
        { quote: 'Can you send the updated terms by Friday?', messageIndex: 0, kind: 'question' },
      ],
      commitments: [
        { quote: 'The seat quote follows tomorrow.', messageIndex: 1, due: '2026-04-22T12:00:00-07:00' },
      ],
      needsReply: true,
      summary: 'Dana needs a seat quote and the updated terms before signing the renewal.',
    },
    provider: 'local',
    model: 'cscx-local-1',
    fellBackFrom: null,
    logged: 'recorded',
    activityId: '00000000-0000-4000-8000-00000000e1e1',
    ...overrides,
  };
}

export const signedIn: Session = {
  backendUrl: 'http://127.0.0.1:8787',
  token: 'cscx_sess_test',
  email: 'csm@cscx.localhost',
};
export const signedOut: Session = { ...signedIn, token: null };

export function memorySessionStore(initial: Session): SessionStore & { current: Session } {
  const listeners = new Set<(next: Session) => void>();
  const store = {
    current: initial,
    load: async () => store.current,
    save: async (next: Session) => {
      store.current = next;
      for (const l of listeners) l(next);
    },
    subscribe: (listener: (next: Session) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return store;
}

export function fixedHostContext(context: HostContext | null) {
  return {
    subscribe(onContext: (c: HostContext) => void) {
      if (context) onContext(context);
      return () => {};
    },
  };
}
