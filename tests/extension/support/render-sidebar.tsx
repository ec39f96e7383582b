import { cleanup, render } from '@testing-library/react';
import { afterEach } from 'vitest';
import { createApiClient } from '../../../extension/lib/api-client.ts';
import type { Session } from '../../../extension/lib/session-store.ts';
import { SidebarApp } from '../../../extension/sidebar/app.tsx';
import type { HostContext } from '../../../shared/host-context.ts';
import { type FakeBackend, fakeBackend, type Procedure } from './fake-backend.ts';
import { fixedHostContext, memorySessionStore, signedIn } from './sidebar-builders.ts';

afterEach(cleanup);

export const me = {
  user: {
    id: '00000000-0000-4000-8000-00000000aaaa',
    email: 'csm@cscx.localhost',
    name: 'Sam Carter',
    role: 'csm',
    timeZone: 'UTC',
    mustChangePassword: false,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  org: { id: '00000000-0000-4000-8000-00000000bbbb', name: 'CSCX', domains: ['cscx.localhost'] },
  tokenKind: 'session',
};

export interface SidebarSetup {
  session?: Session;
  context?: HostContext | null;
  procedures?: Record<string, Procedure>;
}

/** The whole sidebar app with the real tRPC client talking to a fake backend. */
export function renderSidebar({ session = signedIn, context = null, procedures = {} }: SidebarSetup = {}) {
  const backend: FakeBackend = fakeBackend({ 'auth.me': () => me, ...procedures });
  const store = memorySessionStore(session);
  let settingsOpened = 0;
  const view = render(
    <SidebarApp
      services={{
        session: store,
        hostContext: fixedHostContext(context),
        connectApi: (target) => createApiClient(target, backend.fetch),
        requestBackendAccess: async () => true,
        openSettings: () => {
          settingsOpened++;
        },
      }}
    />,
  );
  return { ...view, backend, store, settingsOpenedTimes: () => settingsOpened };
}
