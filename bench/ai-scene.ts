import { sql } from 'drizzle-orm';
import { systemPrompt } from '../backend/ai/prompt.ts';
import type { PrivacyHints } from '../backend/ai/run.ts';
import type { Database } from '../backend/db/client.ts';
import { inOrg, orgRunner } from '../backend/db/tenancy.ts';
import type { PublicDeps, StreamingDeps } from '../backend/deps.ts';
import type { OrgRef } from '../backend/org/lookup.ts';
import { threadAnalysisBlocks } from '../backend/threads/prompt.ts';
import type { AnalyzeThreadInput } from '../shared/api/threads.ts';
import { type ThreadPeople, twentyMessageThread } from './ai-thread.ts';

/** The deps a streaming procedure hands its handler (`streamingAuthedProcedure`), for the token's user. */
export async function streamingDeps(deps: PublicDeps, token: string): Promise<StreamingDeps> {
  const { transactions, ...app } = deps;
  const outcome = await transactions.asBearer(token, app.clock.now(), async () => undefined);
  if (!outcome) throw new Error('the bench token did not resolve');
  return { ...app, principal: outcome.principal, ...orgRunner(transactions, outcome.principal.orgId) };
}

export interface Scene {
  input: AnalyzeThreadInput;
  people: ThreadPeople;
  privacy: PrivacyHints;
  thread(variant: string): AnalyzeThreadInput;
}

/** A customer of the book with two contacts, writing to the bench's CSM. */
export async function threadScene(database: Database, org: OrgRef, deps: StreamingDeps): Promise<Scene> {
  const [customer] = await inOrg(database.db, org.id, (tx) =>
    tx.execute<{ id: string; name: string; contacts: { name: string; email: string }[] }>(sql`
      select c.id, c.name,
             (select json_agg(json_build_object('name', k.name, 'email', k.email) order by k.email)
                from contacts k where k.org_id = c.org_id and k.customer_id = c.id and k.email is not null) as contacts
      from customers c
      where c.org_id = ${org.id}
        and (select count(*) from contacts k where k.org_id = c.org_id and k.customer_id = c.id and k.email is not null) >= 2
      order by c.name limit 1`),
  );
  const [lead, second] = customer?.contacts ?? [];
  if (!customer || !lead || !second) throw new Error('no customer with two contacts: seed the book first');
  const people: ThreadPeople = {
    customer: [lead, second],
    customerName: customer.name,
    ours: { name: 'Jordan Avery', email: deps.principal.email },
  };
  const thread = (variant: string): AnalyzeThreadInput => ({
    ...twentyMessageThread(people, variant),
    customerId: customer.id,
    log: true,
  });
  return {
    input: thread('first'),
    people,
    privacy: {
      knownNames: customer.contacts.map((c) => c.name),
      allowedTerms: [org.name, customer.name],
    },
    thread,
  };
}

export const summaryChunks = [
  'The customer ',
  'asks for the ',
  'signed order form ',
  'and a call ',
  'about the spring ',
  'expansion; ',
  'we promised ',
  'the renewal quote ',
  'and the incident ',
  'report.',
];

const summarySystem = systemPrompt(
  'Summarise the email thread in two lines for the Customer Success Manager ("us").',
);

export function streamRequest(scene: Scene, signal: AbortSignal) {
  const ours = scene.people.ours.email;
  return {
    feature: 'thread.analysis' as const,
    system: summarySystem,
    blocks: threadAnalysisBlocks(scene.input, (email: string | null) => email === ours),
    task: {
      kind: 'thread.analysis' as const,
      input: {
        subject: scene.input.subject,
        messages: scene.input.messages,
        ownAddresses: [ours],
        now: new Date().toISOString(),
      },
    },
    maxOutputTokens: 300,
    signal,
    privacy: scene.privacy,
  };
}
