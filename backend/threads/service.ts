import { createHash } from 'node:crypto';
import {
  type AnalyzeThreadInput,
  type AnalyzeThreadOutput,
  threadAnalysis,
} from '../../shared/api/threads.ts';
import { generateObjectWithAi } from '../ai/run.ts';
import type { StoredThreadAnalysis } from '../db/schema.ts';
import type { StreamingDeps } from '../deps.ts';
import { logThreadOnTimeline } from './log-thread.ts';
import { threadAnalysisBlocks, threadAnalysisSystem } from './prompt.ts';
import { loadThreadContext, type ThreadContext } from './queries.ts';
import { keepQuotedSpans } from './quotes.ts';

/**
 * Analyses the thread the CSM has open and logs it on the customer's timeline. Three steps, none
 * holding a transaction while the model works: read what the analysis needs, call the model,
 * write the entry. A thread logged before with the same messages is answered from its entry, with
 * no model call.
 */
export async function analyzeThread(
  deps: StreamingDeps,
  input: AnalyzeThreadInput,
  signal: AbortSignal = new AbortController().signal,
): Promise<AnalyzeThreadOutput> {
  const fingerprint = fingerprintOf(input);
  const context = await deps.inOrg((tx) => loadThreadContext(tx, deps.orgId, input));
  const logged = context.logged;
  if (
    logged?.analysis?.fingerprint === fingerprint &&
    logged.customerId === (input.customerId ?? logged.customerId)
  ) {
    const { analysis, provider, model } = logged.analysis;
    return {
      analysis,
      provider,
      model,
      fellBackFrom: null,
      logged: 'unchanged',
      activityId: logged.activityId,
    };
  }

  const ours = ownSide(context);
  const answer = await generateObjectWithAi(deps, {
    feature: 'thread.analysis',
    system: threadAnalysisSystem,
    blocks: threadAnalysisBlocks(input, ours),
    task: {
      kind: 'thread.analysis',
      input: {
        subject: input.subject,
        messages: input.messages,
        ownAddresses: ownAddresses(input, ours),
        now: deps.clock.now().toISOString(),
      },
    },
    schema: threadAnalysis,
    schemaName: 'thread_analysis',
    schemaDescription: 'The analysis of the email thread.',
    maxOutputTokens: 1500,
    signal,
    privacy: privacyOf(context),
  });
  const analysis = keepQuotedSpans(answer.object, input.messages);
  const stored: StoredThreadAnalysis = {
    fingerprint,
    messageCount: input.messages.length,
    provider: answer.provider,
    model: answer.model,
    fellBackFrom: answer.fellBackFrom,
    analysis,
  };
  const entry = await logIfAllowed(deps, input, context, stored);
  return {
    analysis,
    provider: answer.provider,
    model: answer.model,
    fellBackFrom: answer.fellBackFrom,
    ...entry,
  };
}

async function logIfAllowed(
  deps: StreamingDeps,
  input: AnalyzeThreadInput,
  context: ThreadContext,
  stored: StoredThreadAnalysis,
): Promise<Pick<AnalyzeThreadOutput, 'logged' | 'activityId'>> {
  const { customer } = context;
  const writes = deps.principal.role === 'admin' || deps.principal.role === 'csm';
  if (!input.log || !customer || !input.threadId || !writes)
    return { logged: 'not_logged', activityId: null };
  if (!context.logGmailThreads) return { logged: 'off', activityId: null };
  const threadId = input.threadId;
  const now = deps.clock.now();
  const result = await deps.inOrg((tx) =>
    logThreadOnTimeline(tx, {
      orgId: deps.orgId,
      actorUserId: deps.principal.userId,
      customerId: customer.id,
      contactId: firstCustomerContact(input, customer.contacts, ownSide(context)),
      threadId,
      subject: input.subject,
      occurredAt: lastSentAt(input) ?? now,
      stored,
      now,
    }),
  );
  return { logged: result.outcome, activityId: result.activityId };
}

/** The same subject and messages, the same fingerprint: what decides whether a re-open is analysed again. */
function fingerprintOf(input: AnalyzeThreadInput): string {
  const material = JSON.stringify([
    input.subject,
    input.messages.map((m) => [m.from.email, m.sentAt, m.text]),
  ]);
  return createHash('sha256').update(material).digest('base64url');
}

/** A message is ours when a member of the org sent it, or anyone at one of the org's own domains. */
function ownSide(context: ThreadContext): (email: string | null) => boolean {
  const members = new Set(context.memberEmails.map((e) => e.toLowerCase()));
  const domains = new Set(context.orgDomains);
  return (email) => {
    if (!email) return false;
    const address = email.trim().toLowerCase();
    return members.has(address) || domains.has(address.slice(address.lastIndexOf('@') + 1));
  };
}

function ownAddresses(input: AnalyzeThreadInput, ours: (email: string | null) => boolean): string[] {
  const senders = input.messages.map((m) => m.from.email?.trim().toLowerCase() ?? null);
  return [...new Set(senders.filter((e): e is string => e !== null && ours(e)))];
}

function firstCustomerContact(
  input: AnalyzeThreadInput,
  people: { id: string; email: string | null }[],
  ours: (email: string | null) => boolean,
): string | null {
  for (const message of input.messages) {
    const email = message.from.email?.trim().toLowerCase();
    if (!email || ours(email)) continue;
    const contact = people.find((p) => p.email?.toLowerCase() === email);
    if (contact) return contact.id;
  }
  return null;
}

function lastSentAt(input: AnalyzeThreadInput): Date | null {
  const dates = input.messages.map((m) => m.sentAt).filter((d): d is string => d !== null);
  return dates.length > 0 ? new Date(dates.reduce((a, b) => (Date.parse(a) > Date.parse(b) ? a : b))) : null;
}

/** The customer's people are redacted before text leaves; the customer's and the org's own names are kept. */
function privacyOf(context: ThreadContext) {
  return {
    knownNames: context.customer?.contacts.map((c) => c.name).filter(Boolean) ?? [],
    allowedTerms: [context.orgName, ...(context.customer ? [context.customer.name] : [])],
  };
}
