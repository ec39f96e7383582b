import { cleanup, render } from '@testing-library/react';
import { afterEach } from 'vitest';
import type { z } from 'zod';
import { createApiClient } from '../../../extension/lib/api-client.ts';
import type { ComposeInsertOutcome, HostCompose } from '../../../extension/lib/host-context-source.ts';
import type { Session } from '../../../extension/lib/session-store.ts';
import { type HostName, memoryPreference } from '../../../extension/lib/sidebar-preferences.ts';
import { SidebarApp } from '../../../extension/sidebar/app.tsx';
import { browserTimeZone } from '../../../extension/sidebar/session/use-browser-time-zone.ts';
import type { meOutput } from '../../../shared/api/auth.ts';
import type { DraftIntent } from '../../../shared/api/drafts.ts';
import type { RecordSentInput } from '../../../shared/api/style.ts';
import type { HostContext } from '../../../shared/host-context.ts';
import { type FakeBackend, fakeBackend, type Procedure, type StreamedProcedure } from './fake-backend.ts';
import { memorySessionStore, signedIn } from './sidebar-builders.ts';

afterEach(cleanup);

export const me: z.infer<typeof meOutput> = {
  user: {
    id: '00000000-0000-4000-8000-00000000aaaa',
    email: 'csm@cscx.localhost',
    name: 'Sam Carter',
    role: 'csm',
    // The browser's own: a member whose zone differs gets it set (use-browser-time-zone.ts).
    timeZone: browserTimeZone(),
    mustChangePassword: false,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  org: {
    id: '00000000-0000-4000-8000-00000000bbbb',
    name: 'CSCX',
    domains: ['cscx.localhost'],
    recordCalendarMeetings: true,
    competitors: [],
  },
  tokenKind: 'session',
};

export interface SidebarSetup {
  session?: Session;
  context?: HostContext | null;
  procedures?: Record<string, Procedure>;
  /** Procedures that answer with a stream (`drafts.generate`). */
  streams?: Record<string, StreamedProcedure>;
  host?: HostName | null;
  /** Docked at the page's edge, so the sidebar offers "Hide". */
  docked?: boolean;
  lastTab?: string | null;
}

/** The host page's side of the channel, driven by the test: `show` a context, or `show(null)`. */
export function hostPageStandIn(initial: HostContext | null) {
  const listeners = new Set<(context: HostContext | null) => void>();
  let latest = initial;
  return {
    subscribe(onContext: (context: HostContext | null) => void) {
      listeners.add(onContext);
      if (latest) onContext(latest);
      return () => void listeners.delete(onContext);
    },
    show(context: HostContext | null) {
      latest = context;
      for (const listener of listeners) listener(context);
    },
  };
}

/**
 * Gmail's compose as the content script answers for it: the texts it was given to insert, whether a
 * draft is being written into it (its Stop showing), the id of the last whole draft it took, and the
 * user pressing "Draft with CSCX", Stop, or Gmail's Send.
 */
export function composeStandIn() {
  const requestListeners = new Set<(intent: DraftIntent | null) => void>();
  const stopListeners = new Set<() => void>();
  const sentListeners = new Set<(sent: RecordSentInput) => void>();
  const inserted: string[] = [];
  const writing: boolean[] = [];
  let stoppedBeforeFlagged = false;
  let outcome: ComposeInsertOutcome = 'inserted';
  let heldDraftId: string | null = null;
  const compose = {
    inserted,
    /** Each "writing" the sidebar said, in order. */
    writing,
    /** Whether the sidebar said its writing stopped before a flagged sentence (the compose's notice). */
    stoppedBeforeFlagged: () => stoppedBeforeFlagged,
    /** The id of the last whole draft the compose took, as the content script remembers it. */
    heldDraftId: () => heldDraftId,
    /** The user sent the compose with this body: the content script passes it on if it held a draft. */
    send(sentText: string) {
      if (!heldDraftId) return;
      for (const listener of sentListeners) listener({ draftId: heldDraftId, sentText });
    },
    answerInsertsWith(next: ComposeInsertOutcome) {
      outcome = next;
    },
    pressDraftWithCscx(intent: DraftIntent | null) {
      for (const listener of requestListeners) listener(intent);
    },
    pressStop() {
      for (const listener of stopListeners) listener();
    },
    onDraftRequest(listener: (intent: DraftIntent | null) => void) {
      requestListeners.add(listener);
      return () => void requestListeners.delete(listener);
    },
    onStop(listener: () => void) {
      stopListeners.add(listener);
      return () => void stopListeners.delete(listener);
    },
    onSent(listener: (sent: RecordSentInput) => void) {
      sentListeners.add(listener);
      return () => void sentListeners.delete(listener);
    },
    setWriting(on: boolean, draftId?: string, beforeFlagged?: boolean) {
      writing.push(on);
      if (beforeFlagged) stoppedBeforeFlagged = true;
      if (draftId) heldDraftId = draftId;
    },
    async insert(text: string, draftId?: string) {
      inserted.push(text);
      if (draftId && outcome === 'inserted') heldDraftId = draftId;
      return outcome;
    },
  } satisfies HostCompose & Record<string, unknown>;
  return compose;
}

/** The whole sidebar app with the real tRPC client talking to a fake backend. */
export function renderSidebar({
  session = signedIn,
  context = null,
  procedures = {},
  streams = {},
  host = 'calendar',
  docked = false,
  lastTab = null,
}: SidebarSetup = {}) {
  const backend: FakeBackend = fakeBackend({ 'auth.me': () => me, ...procedures }, streams);
  const compose = composeStandIn();
  const store = memorySessionStore(session);
  const hostPage = hostPageStandIn(context);
  const rememberedTab = memoryPreference(lastTab);
  let settingsOpened = 0;
  let hidden = 0;
  const view = render(
    <SidebarApp
      services={{
        session: store,
        hostContext: hostPage,
        compose,
        host,
        lastTab: rememberedTab,
        hideSidebar: docked
          ? () => {
              hidden++;
            }
          : null,
        connectApi: (target) => createApiClient(target, backend.fetch),
        requestBackendAccess: async () => true,
        openSettings: () => {
          settingsOpened++;
        },
      }}
    />,
  );
  return {
    ...view,
    backend,
    store,
    hostPage,
    compose,
    rememberedTab,
    settingsOpenedTimes: () => settingsOpened,
    hiddenTimes: () => hidden,
  };
}
