import type { DraftEvent, GenerateDraftInput } from '../../shared/api/drafts.ts';
import { type AiAnswer, streamTextWithAi } from '../ai/run.ts';
import { drafts } from '../db/schema.ts';
import type { StreamingDeps } from '../deps.ts';
import { analyzeThread } from '../threads/service.ts';
import { type DraftFacts, loadDraftFacts } from './facts.ts';
import { linksToTrust } from './injection-links.ts';
import { instructionSpans } from './instruction-spans.ts';
import { createLinkGuard, linkKey } from './links.ts';
import { createPassageGuard } from './passage-guard.ts';
import { draftBlocks, draftSystem } from './prompt.ts';
import { loadStyleProfile } from './style/service.ts';

/**
 * Streams a reply draft. No transaction is open while the model writes: the account's facts are
 * read first, the thread's analysis comes from its timeline entry (or one model call), and the
 * draft is recorded after its last chunk. Links that are neither in the thread nor in CSCX's data
 * are withheld from the text and listed; sentences that repeat the mail's instructions or do what
 * the CSM did not ask are sent as flagged pieces, a whole sentence at a time, and listed. Stopping
 * the iteration (the client went away) stops the model call.
 */
export async function* generateDraft(
  deps: StreamingDeps,
  input: GenerateDraftInput,
  signal: AbortSignal,
): AsyncGenerator<DraftEvent> {
  const now = deps.clock.now();
  const scope = { orgId: deps.orgId, userId: deps.principal.userId, customerId: input.customerId, now };
  const { facts, style } = await deps.inOrg(async (tx) => ({
    facts: await loadDraftFacts(tx, scope),
    style: await loadStyleProfile(tx, scope),
  }));
  const analysis = input.thread
    ? (await analyzeThread(deps, { ...input.thread, customerId: input.customerId, log: true }, signal))
        .analysis
    : null;
  const trusted = linksToTrust(input.thread, facts);
  const guard = createLinkGuard(trusted);
  const passages = createPassageGuard(
    instructionSpans(input.thread, facts),
    input.instruction,
    new Set(trusted.map(linkKey)),
  );
  const stream = streamTextWithAi(deps, {
    feature: 'draft.reply',
    system: draftSystem(input, facts, style),
    blocks: draftBlocks(input, facts, analysis),
    task: {
      kind: 'draft.reply',
      input: {
        intent: input.intent,
        instruction: input.instruction,
        tone: input.tone,
        length: input.length,
        subject: input.thread?.subject ?? '',
        messages: input.thread?.messages ?? [],
        analysis,
        customer: facts.customer,
        recipient: recipientOf(input, facts),
        sender: { name: facts.senderName },
        style,
        knowledge: [],
        now: now.toISOString(),
      },
    },
    maxOutputTokens: 1200,
    seed: input.seed,
    signal,
    privacy: {
      knownNames: facts.contacts.map((c) => c.name).filter(Boolean),
      allowedTerms: [facts.orgName, facts.customer.name],
    },
  });
  let text = '';
  let answer: AiAnswer | undefined;
  try {
    while (!answer) {
      const next = await stream.next();
      const safe = next.done ? guard.flush() : guard.push(next.value);
      if (next.done) answer = next.value;
      const pieces = next.done ? [...passages.push(safe), ...passages.flush()] : passages.push(safe);
      for (const piece of pieces) {
        text += piece.text;
        if (piece.flag) yield { type: 'text', ...piece };
        // A vetted stretch goes out a word at a time, as the model wrote it: the sidebar and the
        // compose show the draft growing rather than a sentence at once.
        else
          for (const word of piece.text.match(/\s*\S+\s*/g) ?? [piece.text])
            yield { type: 'text', text: word };
      }
    }
  } finally {
    // The caller stopped reading: the model call ends with it.
    if (!answer) await stream.return(undefined as never);
  }
  const flaggedLinks = guard.flagged();
  const [row] = await deps.inOrg((tx) =>
    tx
      .insert(drafts)
      .values({
        orgId: deps.orgId,
        userId: deps.principal.userId,
        customerId: input.customerId,
        threadId: input.thread?.threadId ?? null,
        intent: input.intent,
        tone: input.tone,
        length: input.length,
        seed: input.seed,
        provider: answer.provider,
        model: answer.model,
        text,
        flaggedLinks,
      })
      .returning({ id: drafts.id }),
  );
  if (!row) throw new Error('the draft was not recorded');
  yield { type: 'done', draftId: row.id, ...answer, flaggedLinks, flaggedPassages: passages.flagged() };
}

/** The customer's last sender the reply goes to: one of their contacts, else anyone but the CSM. */
function recipientOf(input: GenerateDraftInput, facts: DraftFacts): { name: string } | null {
  const messages = [...(input.thread?.messages ?? [])].reverse();
  const contactEmails = new Set(facts.contacts.map((c) => c.email?.toLowerCase()).filter(Boolean));
  const fromContact = messages.find((m) => m.from.email && contactEmails.has(m.from.email.toLowerCase()));
  const fromOther = messages.find((m) => m.from.email?.toLowerCase() !== facts.senderEmail.toLowerCase());
  const sender = fromContact ?? fromOther;
  if (sender) {
    const contact = facts.contacts.find(
      (c) => c.email && c.email.toLowerCase() === sender.from.email?.toLowerCase(),
    );
    const name = sender.from.name || contact?.name;
    if (name) return { name };
  }
  const first = facts.contacts.find((c) => c.name);
  return first ? { name: first.name } : null;
}
