import { piiTypes } from '../ai/redaction/pii-types.ts';
import type { RedactionEvalResult } from './redaction.ts';
import type { EnronScores, TypeScore } from './redaction-scoring.ts';

const pct = (value: number) => (Number.isNaN(value) ? '    –' : `${(value * 100).toFixed(1).padStart(5)}`);

function scoreCells(score: TypeScore): string {
  return [
    score.exact.precision,
    score.exact.recall,
    score.overlap.precision,
    score.overlap.recall,
    score.leaked,
  ]
    .map(pct)
    .join(' ');
}

/** The figures as a table: per type, the redactor beside the baseline, then real mail, then the time taken. */
export function formatRedactionReport(result: RedactionEvalResult): string {
  const lines = [
    `PII redaction on ${result.texts} texts (precision P and recall R in %, exact span and overlap; leaked = % of marked characters left in the text)`,
    '',
    '         |       |          redactor                   |          baseline',
    'type     |  gold | pred  exP   exR   ovP   ovR  leak | pred  exP   exR   ovP   ovR  leak',
  ];
  for (const type of piiTypes) {
    const ours = result.redactor[type];
    const base = result.baseline[type];
    if (ours.gold === 0 && ours.predicted === 0 && base.predicted === 0) continue;
    lines.push(
      `${type.padEnd(8)} | ${String(ours.gold).padStart(5)} | ${String(ours.predicted).padStart(4)} ${scoreCells(ours)} | ${String(base.predicted).padStart(4)} ${scoreCells(base)}`,
    );
  }
  lines.push(
    '',
    'Marked ZIP_CODE and GPE spans that follow a street address are part of it; alone they are not ours, and an',
    'address predicted on one counts for neither side. A prediction on anything else not ours (ORGANIZATION,',
    'DATE_TIME, TITLE, NRP, AGE…) or on nothing marked is a false positive. US_SSN and US_DRIVER_LICENSE are ids.',
  );
  if (result.enron) {
    lines.push(
      '',
      `Real mail: ${result.enron.threads} Enron threads (recall in %, whatever type covered the mention)`,
      '',
    );
    lines.push(...enronLines(result.enron.redactor, result.enron.baseline));
  }
  const { words, milliseconds, wordsPerSecond } = result.timing;
  lines.push(
    '',
    `time: ${words} words in ${milliseconds.toFixed(0)} ms (${Math.round(wordsPerSecond).toLocaleString('en')} words/s, warm)`,
  );
  return `${lines.join('\n')}\n`;
}

function enronLines(ours: EnronScores, base: EnronScores): string[] {
  const lines = ['mentions              |     n | redactor exR   ovR  leak | baseline exR   ovR  leak'];
  for (const [group, score] of Object.entries(ours.groups)) {
    const b = base.groups[group];
    const cells = (s: typeof score | undefined) =>
      s ? [s.exactRecall, s.overlapRecall, s.leaked].map(pct).join(' ') : '';
    lines.push(
      `${group.padEnd(21)} | ${String(score.mentions).padStart(5)} |      ${cells(score)} |      ${cells(b)}`,
    );
  }
  const outside = (s: EnronScores) =>
    `${s.personOutsideMentions.outside} of ${s.personOutsideMentions.predicted}`;
  lines.push(
    `person spans outside every annotated mention: redactor ${outside(ours)}, baseline ${outside(base)}`,
  );
  return lines;
}
