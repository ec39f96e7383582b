import type { DraftLength, DraftTone } from '../../../../shared/api/drafts.ts';
import { createRandom } from '../../../demo/random.ts';
import type { LocalTaskInputs } from '../../local-tasks.ts';
import type { LocalNlp } from './nlp.ts';

export type DraftInput = LocalTaskInputs['draft.reply'];

/** A sentence the draft needs whatever its length: an answer to an ask, a fact asked for, the instruction. */
export const required = 100;

/** One sentence of the draft; when it runs over its length, the lowest priorities go first. */
export interface DraftSentence {
  text: string;
  priority: number;
}
export type Paragraph = DraftSentence[];

export type Slots = Record<string, string>;

/** What every part of the draft is written with: the input, the tone, and the seeded phrase choice. */
export interface Composer {
  input: DraftInput;
  nlp: LocalNlp;
  tone: DraftTone;
  length: DraftLength;
  /** The calendar day of `input.now`. */
  today: string;
  /**
   * One of the templates with its `{slots}` filled, drawn from the seed; never one that says a
   * phrase the CSM keeps deleting. Empty when every template does.
   */
  say(templates: readonly string[], slots?: Slots): string;
  /** Whether the CSM's style profile says they delete this text. */
  removed(text: string): boolean;
  /** True the first time a fact (`renewal`, `arr`, a ticket's subject…) is said where it will stay: a draft says each fact once. */
  firstTime(fact: string): boolean;
}

export function createComposer(nlp: LocalNlp, input: DraftInput, seed: number): Composer {
  const random = createRandom('draft.reply', seed);
  const removedPatterns = (input.style?.removedPhrases ?? [])
    .map((phrase) => phrase.trim())
    .filter((phrase) => phrase.length > 0)
    .map(phrasePattern);
  const removed = (text: string) => removedPatterns.some((pattern) => pattern.test(text));
  const said = new Set<string>();
  return {
    input,
    nlp,
    tone: input.tone,
    length: input.length,
    today: input.now.slice(0, 10),
    removed,
    firstTime(fact) {
      if (said.has(fact)) return false;
      said.add(fact);
      return true;
    },
    say(templates, slots = {}) {
      const allowed = templates.map((t) => fill(t, slots)).filter((text) => !removed(text));
      if (allowed.length === 0) return '';
      // Drawn whether or not there is a choice, so that one slot's options do not shift the next.
      const roll = random.next();
      return allowed[Math.floor(roll * allowed.length)]!;
    },
  };
}

function fill(template: string, slots: Slots): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => slots[name] ?? '');
}

/** A phrase as a case-insensitive match on whole words ("Hi" is not in "this"). */
export function phrasePattern(phrase: string): RegExp {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const start = /^\w/.test(phrase) ? '\\b' : '';
  const end = /\w$/.test(phrase) ? '\\b' : '';
  return new RegExp(`${start}${escaped}${end}`, 'i');
}

export function sentence(text: string, priority: number): DraftSentence {
  return { text, priority };
}
