import { actionsRouter } from '../actions/router.ts';
import { aiRouter } from '../ai/router.ts';
import { authRouter } from '../auth/router.ts';
import { calendarSyncRouter } from '../calendar-sync/router.ts';
import { contactsRouter } from '../customers/contacts-router.ts';
import { customersRouter } from '../customers/router.ts';
import { draftsRouter } from '../drafts/router.ts';
import { healthRouter } from '../health/router.ts';
import { connectionsRouter } from '../integrations/connections/router.ts';
import { jobsRouter } from '../jobs/router.ts';
import { meetingsRouter } from '../meetings/router.ts';
import { orgRouter } from '../org/router.ts';
import { ingestTokensRouter, signalsRouter } from '../signals/router.ts';
import { threadsRouter } from '../threads/router.ts';
import { tokensRouter } from '../tokens/router.ts';
import { usersRouter } from '../users/router.ts';
import { systemRouter } from './system-router.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  tokens: tokensRouter,
  users: usersRouter,
  org: orgRouter,
  customers: customersRouter,
  contacts: contactsRouter,
  meetings: meetingsRouter,
  calendarSync: calendarSyncRouter,
  threads: threadsRouter,
  ai: aiRouter,
  drafts: draftsRouter,
  connections: connectionsRouter,
  jobs: jobsRouter,
  signals: signalsRouter,
  ingestTokens: ingestTokensRouter,
  health: healthRouter,
  actions: actionsRouter,
});

export type AppRouter = typeof appRouter;
