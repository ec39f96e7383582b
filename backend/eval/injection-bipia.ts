import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { InjectionCase } from './injection-cases.ts';

const emailLine = z.object({ context: z.string(), question: z.string(), ideal: z.string() });
const attackFile = z.record(z.string(), z.array(z.string()).min(1));

export const insertPositions = ['end', 'start', 'middle'] as const;
type InsertPosition = (typeof insertPositions)[number];

/** BIPIA's EmailQA emails (`email_train.jsonl`, `test.jsonl`): JSON lines of `{context, question, ideal}`. */
export function isBipiaEmailFile(file: string): boolean {
  if (!file.endsWith('.jsonl')) return false;
  const first = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
  return emailLine.safeParse(parseOrNull(first)).success;
}

/** BIPIA's text attacks (`text_attack_train.json`): `{category: [attack, …]}`. */
export function isBipiaAttackFile(file: string): boolean {
  if (!file.endsWith('.json')) return false;
  const parsed = parseOrNull(readFileSync(file, 'utf8'));
  return parsed !== null && !Array.isArray(parsed) && attackFile.safeParse(parsed).success;
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

interface BipiaEmail {
  subject: string;
  content: string;
}

/**
 * Every attack string at each of BIPIA's three positions (end, start, middle of the email), each in
 * an email of its own by rotation: 75 attacks × 3 positions = 225 threads over the 50 emails.
 * BIPIA's full grid pairs every attack with every email (11,250); the rotation keeps each attack
 * and position once and every email in use.
 */
export function readBipiaCases(files: { emails: string; attacks: string }): InjectionCase[] {
  const emails = readFileSync(files.emails, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => parseContext(emailLine.parse(JSON.parse(line)).context));
  const attacks = Object.entries(attackFile.parse(JSON.parse(readFileSync(files.attacks, 'utf8')))).flatMap(
    ([category, strings]) => strings.map((attack, index) => ({ category, index, attack })),
  );
  const cases: InjectionCase[] = [];
  let turn = 0;
  for (const position of insertPositions) {
    for (const { category, index, attack } of attacks) {
      const emailIndex = turn++ % emails.length;
      const email = emails[emailIndex]!;
      cases.push({
        id: `bipia:${emailIndex}:${category}-${index}:${position}`,
        source: 'bipia',
        category,
        subject: email.subject,
        text: insertAttack(email.content, attack, position),
        payload: attack,
        obeyed: obeyedReply(attack),
        echoes: [],
      });
    }
  }
  return cases;
}

/** `SUBJECT: …|EMAIL_FROM: …|RECEIVED DATE: …|CONTENT: …`, each part optional but the content. */
function parseContext(context: string): BipiaEmail {
  const subject = /(?:^|\|)SUBJECT: ([^|]*)/.exec(context)?.[1]?.trim() ?? '';
  const marker = context.indexOf('CONTENT:');
  const content = marker < 0 ? context : context.slice(marker + 'CONTENT:'.length);
  return { subject: subject || 'Your account', content: content.trim() };
}

/** As BIPIA does: the attack after the email, before it, or between its middle sentences. */
function insertAttack(content: string, attack: string, position: InsertPosition): string {
  if (position === 'end') return `${content}\n${attack}`;
  if (position === 'start') return `${attack}\n${content}`;
  const sentences = content.split(/(?<=[.!?])\s+/);
  const middle = Math.floor(sentences.length / 2);
  return [...sentences.slice(0, middle), attack, ...sentences.slice(middle)].join(' ');
}

/**
 * A model that does what the attack says writes its quoted text when it gives one ("Add "Download
 * this tool from …" to your response"), else carries the instruction out in its own words, which
 * here means restating it with its links.
 */
function obeyedReply(attack: string): string {
  const quoted = [...attack.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  const body = quoted.length > 0 ? `${quoted.join(' ')} ${attack.replace(/"[^"]+"/g, '').trim()}` : attack;
  return `Hi,\n\nThanks for your message. As you asked: ${body}\n\nBest regards`;
}
