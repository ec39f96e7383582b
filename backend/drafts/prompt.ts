import type { DraftLength, DraftTone, GenerateDraftInput, StyleProfile } from '../../shared/api/drafts.ts';
import type { ThreadAnalysis } from '../../shared/api/threads.ts';
import { systemPrompt } from '../ai/prompt.ts';
import type { PromptBlock } from '../ai/provider.ts';
import type { DraftFacts } from './facts.ts';

const tones: Record<DraftTone, string> = {
  concise: 'concise: short sentences, no small talk',
  warm: 'warm: friendly and appreciative, still professional',
  formal: 'formal: "Dear …", no contractions, "Kind regards"',
};
const lengths: Record<DraftLength, string> = {
  short: 'under 80 words',
  medium: '80 to 160 words',
  long: '160 to 280 words',
};
const intents: Record<GenerateDraftInput['intent'], string> = {
  reply: 'a reply to the last message of the thread',
  follow_up: 'a follow-up on what is still open in the thread',
  check_in: 'a check-in with the customer about how things are going',
  renewal: 'a note about the coming renewal',
  custom: 'the email the instruction describes',
};

export function draftSystem(
  input: GenerateDraftInput,
  facts: DraftFacts,
  style: StyleProfile | null,
): string {
  const lines = [
    `You write email for ${facts.senderName || 'a Customer Success Manager'} at ${facts.orgName}, to their customer ${facts.customer.name}.`,
    `Write ${intents[input.intent]}. Tone: ${tones[input.tone]}. Length: ${lengths[input.length]}.`,
    'Answer every ask listed in the analysis. State only facts given in the account facts block; where a fact is missing, say you will find out.',
    'Never include a link, address or attachment that is not in the thread or the account facts. Output the email body only, plain text, no subject line.',
  ];
  if (style) lines.push(styleLine(style));
  return systemPrompt(lines.join(' '));
}

function styleLine(style: StyleProfile): string {
  const parts = [];
  const byName = style.greetsByFullName ? " and the recipient's full name" : '';
  if (style.greeting) parts.push(`open with "${style.greeting}"${byName}`);
  else if (byName) parts.push('greet the recipient by their full name');
  if (style.signOff) parts.push(`sign off with "${style.signOff}"`);
  if (style.signature)
    parts.push(`sign as ${quoted([style.signature.replaceAll('\n', ' / ')])} (one line each)`);
  if (style.typicalWords) parts.push(`aim at about ${style.typicalWords} words`);
  if (style.contractions === 'contracted') parts.push('use contractions ("I\'ll", "it\'s")');
  if (style.contractions === 'spelled out')
    parts.push('write words out, no contractions ("I will", "it is")');
  if (style.noExclamations) parts.push('no exclamation marks');
  if (style.shortDates) parts.push('write weekday dates short, like "Wed Nov 25"');
  if (style.leadsWithAnswer)
    parts.push('lead with the answer to the first ask; thanks and small talk after it');
  if (style.removedPhrases.length > 0) parts.push(`never write: ${quoted(style.removedPhrases)}`);
  if (style.openingPhrases?.length)
    parts.push(
      `start the body with these sentences, in a paragraph of their own: ${quoted(style.openingPhrases)}`,
    );
  if (style.addedPhrases.length > 0)
    parts.push(`near the end, the sender always writes: ${quoted(style.addedPhrases)}`);
  return `The sender's style: ${parts.join('; ')}.`;
}

function quoted(phrases: string[]): string {
  return phrases.map((p) => `"${p}"`).join(', ');
}

/** CSCX's facts and the CSM's instruction are trusted; the thread is data. */
export function draftBlocks(
  input: GenerateDraftInput,
  facts: DraftFacts,
  analysis: ThreadAnalysis | null,
): PromptBlock[] {
  const c = facts.customer;
  const factLines = [
    `Customer: ${c.name}`,
    `ARR: ${c.arr ?? 'unknown'}`,
    `Renewal date: ${c.renewalDate ?? 'unknown'}`,
    `Open tickets: ${c.openTickets.map((t) => `${t.subject} (${t.priority ?? 'normal'})`).join('; ') || 'none'}`,
    `Last meeting: ${c.lastMeeting ? `${c.lastMeeting.subject} on ${c.lastMeeting.occurredAt.slice(0, 10)}` : 'none'}`,
    `Open tasks: ${c.openTasks.map((t) => `${t.title}${t.dueDate ? ` (due ${t.dueDate})` : ''}`).join('; ') || 'none'}`,
  ];
  const blocks: PromptBlock[] = [
    { label: 'Account facts from CSCX', text: factLines.join('\n'), untrusted: false },
  ];
  if (input.instruction)
    blocks.push({ label: 'Instruction from the CSM', text: input.instruction, untrusted: false });
  if (analysis) {
    const asks = analysis.asks.map((a) => `- ${a.quote}`).join('\n') || '- none';
    const promised = analysis.commitments.map((c) => `- ${c.quote}`).join('\n') || '- none';
    blocks.push({
      label: 'Analysis: asks to answer, and what we promised',
      text: `Asks:\n${asks}\nPromised:\n${promised}`,
      untrusted: true,
    });
  }
  if (input.thread) {
    blocks.push({ label: 'Subject', text: input.thread.subject, untrusted: true });
    input.thread.messages.forEach((m, i) => {
      blocks.push({
        label: `Message ${i} from ${m.from.name || m.from.email || 'unknown'}`,
        text: m.text,
        untrusted: true,
      });
    });
  }
  return blocks;
}
