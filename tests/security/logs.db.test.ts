import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emailHash, hashToken } from '../../backend/auth/secrets.ts';
import { orgProcedure } from '../../backend/trpc/procedures.ts';
import { router } from '../../backend/trpc/trpc.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anOrg } from '../support/builders.ts';

/** The request log is read by more people than the data is: it must say what happened, never with what. */

interface RequestLine {
  msg: string;
  req?: { method: string; path: string };
}

function requestLines(lines: string[]): RequestLine[] {
  return lines.map((line) => JSON.parse(line) as RequestLine).filter((line) => line.req);
}

function expectNoneOf(lines: string[], secrets: Record<string, string>) {
  for (const [what, secret] of Object.entries(secrets)) {
    const leaking = lines.filter((line) => line.toLowerCase().includes(secret.toLowerCase()));
    expect(leaking, `the log shows ${what}`).toEqual([]);
  }
}

/** Every check at the default level and at debug, where more is logged. */
describe.each(['info', 'debug'])('at log level %s', (level) => {
  const suite = suiteWithApp({ env: { LOG_LEVEL: level } });

  describe('the request log', () => {
    it('holds no password, token, token hash, email address or authorization header through sign-in, token use and a 401', async () => {
      const org = await anOrg(suite.testDb.database.db);
      const password = 'correct horse battery staple';
      const wrongPassword = 'incorrect donkey battery staple';
      const email = 'dana.secret@team.example';
      const contactEmail = 'erin.private@initech.example';
      await aMember(suite.testDb.database.db, org, { email, password, role: 'csm' });
      const logStart = suite.app.logLines.length;

      await expect(
        suite.app.client().auth.login.mutate({ email, password: wrongPassword }),
      ).rejects.toThrow();
      const session = await suite.app.client().auth.login.mutate({ email, password });
      const { token: pat, info } = await suite.app
        .client(session.token)
        .tokens.create.mutate({ name: 'laptop script' });
      const withPat = suite.app.client(pat);
      const customer = await withPat.customers.upsert.mutate({
        name: 'Initech',
        domains: ['initech.example'],
      });
      await withPat.contacts.upsert.mutate({
        customerId: customer.id,
        email: contactEmail,
        role: 'champion',
      });
      const input = encodeURIComponent(JSON.stringify({ emails: [contactEmail, email] }));
      const byGet = await suite.app.fetch(`/trpc/customers.context?input=${input}`, { token: pat });
      expect(byGet.status).toBe(200);
      await withPat.customers.list.query({ search: 'initech' });
      await suite.app.client(session.token).tokens.revoke.mutate({ id: info.id });
      const refused = await suite.app.fetch(`/trpc/customers.context?input=${input}`, { token: pat });
      expect(refused.status).toBe(401);

      const lines = suite.app.logLines.slice(logStart);
      expect(lines.length).toBeGreaterThan(0);
      expectNoneOf(lines, {
        'the password': password,
        'a wrong password': wrongPassword,
        'the session token': session.token,
        "the session token's secret": session.token.slice('cscx_sess_'.length),
        'the personal access token': pat,
        "the personal access token's secret": pat.slice('cscx_pat_'.length),
        "the session token's hash": hashToken(session.token),
        "the personal access token's hash": hashToken(pat),
        "the sign-in address's hash": emailHash(email),
        "the member's email": email,
        "the contact's email": contactEmail,
        "the contact's email, URL-encoded": encodeURIComponent(contactEmail),
        'an authorization header': 'authorization',
        'a bearer credential': 'bearer ',
      });
    });

    it('logs a health probe only at debug level', async () => {
      const logStart = suite.app.logLines.length;
      expect((await suite.app.fetch('/healthz')).status).toBe(200);
      const probes = requestLines(suite.app.logLines.slice(logStart)).filter(
        (l) => l.req?.path === '/healthz',
      );
      expect(probes).toHaveLength(level === 'debug' ? 1 : 0);
    });

    it('names a route that does not exist by its path only, query string and all left out', async () => {
      const logStart = suite.app.logLines.length;
      const response = await suite.app.fetch(
        '/nope?email=grace.leak@umbrella.example&token=cscx_pat_leaked0123456789',
      );
      expect(response.status).toBe(404);
      const lines = suite.app.logLines.slice(logStart);
      expect(requestLines(lines).map((l) => l.req)).toContainEqual(
        expect.objectContaining({ path: '/nope' }),
      );
      expectNoneOf(lines, {
        'the address in the query': 'grace.leak',
        'the token in the query': 'cscx_pat_leaked',
      });
    });

    it('names the path of each request without its query string', async () => {
      const member = await aMember(suite.testDb.database.db, await anOrg(suite.testDb.database.db));
      const logStart = suite.app.logLines.length;
      const input = encodeURIComponent(JSON.stringify({ emails: ['frank@hooli.example'] }));
      expect(
        (await suite.app.fetch(`/trpc/customers.context?input=${input}`, { token: member.token })).status,
      ).toBe(200);

      const lines = suite.app.logLines.slice(logStart);
      const logged = requestLines(lines);
      expect(logged.map((l) => l.req)).toContainEqual(
        expect.objectContaining({ method: 'GET', path: '/trpc/customers.context' }),
      );
      expect(lines.filter((line) => line.includes('?') || line.includes('input='))).toEqual([]);
    });
  });

  describe('a failure the server did not expect', () => {
    /** A test-only procedure whose SQL fails after being handed a caller's value as a parameter. */
    const failingRouter = router({
      divide: orgProcedure
        .input(z.object({ email: z.string() }))
        .mutation(({ ctx, input }) => ctx.deps.db.execute(sql`select length(${input.email}) / 0`)),
    });

    it('is logged as what failed, without the query’s parameters, and the caller is told no more than that it failed', async () => {
      const member = await aMember(suite.testDb.database.db, await anOrg(suite.testDb.database.db));
      const email = 'grace.hidden@umbrella.example';
      const logStart = suite.app.logLines.length;
      const response = await fetchRequestHandler({
        endpoint: '/trpc',
        router: failingRouter,
        req: new Request('http://cscx.test/trpc/divide', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email }),
        }),
        createContext: () => ({ deps: suite.app.deps, bearerToken: member.token, ip: '127.0.0.1' }),
      });

      expect(response.status).toBe(500);
      const body = await response.text();
      expect(body).not.toContain(email);
      expect(body.toLowerCase()).not.toContain('select');
      const lines = suite.app.logLines.slice(logStart);
      const failure = lines.map((line) => JSON.parse(line) as { msg: string; failure?: { code?: string } });
      expect(failure).toContainEqual(
        expect.objectContaining({
          msg: 'procedure failed',
          failure: expect.objectContaining({ type: 'PostgresError', code: '22012' }),
        }),
      );
      expectNoneOf(lines, { 'the email passed as a parameter': email });
    });
  });
});
