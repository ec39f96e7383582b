import { createTRPCClient, httpLink } from '@trpc/client';
import { eq } from 'drizzle-orm';
import { executeActionJob } from '../backend/actions/execute/job.ts';
import { executeActionQueue } from '../backend/actions/transitions.ts';
import { sessionLifetimeMs } from '../backend/auth/principal.ts';
import { insertToken } from '../backend/auth/queries.ts';
import { issueToken } from '../backend/auth/secrets.ts';
import type { Clock } from '../backend/clock.ts';
import { loadConfig } from '../backend/config.ts';
import type { Database } from '../backend/db/client.ts';
import { customers, users } from '../backend/db/schema.ts';
import { inOrg } from '../backend/db/tenancy.ts';
import { jobWorkerFor } from '../backend/jobs/start.ts';
import { defaultWorkerOptions, type JobWorker } from '../backend/jobs/worker.ts';
import type { OrgRef } from '../backend/org/lookup.ts';
import { createServer } from '../backend/server.ts';
import type { AppRouter } from '../backend/trpc/app-router.ts';
import { createUser } from '../backend/users/create.ts';
import { type FakeGmail, startFakeGmail } from '../tests/support/fakes/gmail-server.ts';
import { type FakeCalendar, startFakeCalendar } from '../tests/support/fakes/google-calendar-server.ts';
import { type FakeGoogle, startFakeGoogle } from '../tests/support/fakes/google-oauth-server.ts';
import { type FakeSlack, startFakeSlack } from '../tests/support/fakes/slack-server.ts';
import { benchSecretKey } from './secret-key.ts';

type Client = ReturnType<typeof createTRPCClient<AppRouter>>;

/** A server over the bench book whose Google and Slack are the fakes, its worker, and both members signed in. */
export interface ActionsScene {
  database: Database;
  url: string;
  pollMs: number;
  /** A worker running the action queue (concurrency as the server's); stopped by `close`. */
  startWorker(): JobWorker;
  google: FakeGoogle;
  gmail: FakeGmail;
  calendar: FakeCalendar;
  slack: FakeSlack;
  /** The bench CSM (whose Google is connected) and an admin (who connected the org's Slack). */
  csm: Client;
  admin: Client;
  customerId: string;
  token: string;
  close(): Promise<void>;
}

function clientOf(url: string, token: string): Client {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: () => ({ authorization: `Bearer ${token}` }) })],
  });
}

async function adminToken(database: Database, org: OrgRef): Promise<string> {
  const email = 'bench-admin@cscx-bench.example';
  const [found] = await inOrg(database.db, org.id, (tx) =>
    tx.select().from(users).where(eq(users.email, email)),
  );
  const admin =
    found ??
    (await createUser(database.db, {
      orgId: org.id,
      email,
      name: 'Bench admin',
      role: 'admin',
      mustChangePassword: false,
      now: new Date(),
    }));
  const issued = issueToken('session');
  await inOrg(database.db, org.id, (tx) =>
    insertToken(tx, {
      orgId: org.id,
      userId: admin.id,
      kind: 'session',
      prefix: issued.prefix,
      tokenHash: issued.hash,
      expiresAt: new Date(Date.now() + sessionLifetimeMs),
    }),
  );
  return issued.token;
}

/** Through the provider's consent page (the fake grants at once) to our callback, as a browser would. */
async function connect(url: string, client: Client, provider: 'google' | 'slack'): Promise<void> {
  const { authorizationUrl } = await client.connections.start.mutate({ provider });
  const consent = await fetch(authorizationUrl, { redirect: 'manual' });
  const back = new URL(consent.headers.get('location') ?? '');
  const page = await fetch(`${url}${back.pathname}${back.search}`);
  if (page.status !== 200) throw new Error(`the ${provider} callback answered ${page.status}`);
}

export async function openActionsScene(options: {
  database: Database;
  org: OrgRef;
  clock: Clock;
  token: string;
}): Promise<ActionsScene> {
  const { database, org, clock, token } = options;
  const google = await startFakeGoogle();
  const gmail = await startFakeGmail();
  const calendar = await startFakeCalendar({ otherApis: gmail.url });
  const slack = await startFakeSlack();
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    CSCX_RATE_LIMIT: '1000000',
    CSCX_GOOGLE_CLIENT_ID: google.clientId,
    CSCX_GOOGLE_CLIENT_SECRET: google.clientSecret,
    CSCX_GOOGLE_ACCOUNTS_URL: google.url,
    CSCX_GOOGLE_OAUTH_URL: google.url,
    CSCX_GOOGLE_API_URL: calendar.url,
    CSCX_SLACK_CLIENT_ID: slack.clientId,
    CSCX_SLACK_CLIENT_SECRET: slack.clientSecret,
    CSCX_SLACK_URL: slack.url,
  });
  const server = await createServer({ config });
  const deps = server.attach({ database, clock, config, secretKey: benchSecretKey });
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  const csm = clientOf(url, token);
  const admin = clientOf(url, await adminToken(database, org));
  const me = await csm.auth.me.query();
  google.account = { email: me.user.email, sub: `bench-${me.user.id}` };
  await connect(url, csm, 'google');
  await connect(url, admin, 'slack');
  const [customer] = await inOrg(database.db, org.id, (tx) =>
    tx.select({ id: customers.id }).from(customers).where(eq(customers.orgId, org.id)).limit(1),
  );
  if (!customer) throw new Error('the bench book has no customer');
  const pollMs = defaultWorkerOptions(database.kind).pollMs;
  const workers: JobWorker[] = [];
  return {
    database,
    url,
    pollMs,
    startWorker() {
      const worker = jobWorkerFor(database, deps, {
        handlers: { [executeActionQueue]: executeActionJob },
        schedules: [],
      });
      worker.start();
      workers.push(worker);
      return worker;
    },
    google,
    gmail,
    calendar,
    slack,
    csm,
    admin,
    customerId: customer.id,
    token,
    async close() {
      await Promise.all(workers.map((worker) => worker.stop()));
      await server.app.close();
      await Promise.all([google.close(), gmail.close(), calendar.close(), slack.close()]);
    },
  };
}
