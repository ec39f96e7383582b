import type { TranscriptTurn } from '../../../shared/api/meetings.ts';

/** "00:01:02.345" (VTT), "00:01:02,345" (SRT) or "01:02.345" (VTT without hours), in seconds. */
const timestamp = String.raw`(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})`;
const timing = new RegExp(`^\\s*${timestamp}\\s*-->\\s*${timestamp}`);

/**
 * "Speaker Name: words". The name is short and has no sentence punctuation, so "Note: the API …"
 * inside a turn is rarely mistaken for one; a line without it continues the speaker before.
 */
const speakerPrefix = /^([^:.?!\n]{1,60}?):\s+(.*)$/s;

export interface Cue {
  start: number;
  end: number;
  text: string;
}

/** The cues of a VTT or SRT file: each a timing line and the text lines after it, up to a blank line. */
export function readCues(source: string): Cue[] {
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const cues: Cue[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = timing.exec(lines[i]!);
    if (!match) continue;
    const text: string[] = [];
    while (i + 1 < lines.length && lines[i + 1]!.trim() !== '') text.push(lines[++i]!.trim());
    cues.push({ start: seconds(match, 1), end: seconds(match, 5), text: stripTags(text.join(' ')) });
  }
  return cues;
}

function seconds(match: RegExpExecArray, from: number): number {
  const [hours, minutes, secs, millis] = match.slice(from, from + 4);
  return (
    Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(secs) + Number(millis!.padEnd(3, '0')) / 1000
  );
}

/** VTT voice and styling tags: `<v Alice>` names the speaker, `<b>`, `<c.x>` only style. */
function stripTags(text: string): string {
  const voice = /^<v(?:\.[\w.-]+)?\s+([^>]+)>/.exec(text);
  const plain = text.replace(/<[^>]*>/g, '').trim();
  return voice ? `${voice[1]!.trim()}: ${plain}` : plain;
}

/** Splits "Speaker: text"; null when the line names nobody. */
export function splitSpeaker(line: string): { speaker: string; text: string } | null {
  const match = speakerPrefix.exec(line.trim());
  if (!match) return null;
  return { speaker: match[1]!.trim(), text: match[2]!.trim() };
}

/**
 * Turns from cues: Zoom cuts one person's speech into many short cues, so consecutive cues of the
 * same speaker join into one turn, from the first cue's start to the last one's end.
 */
export function turnsFromCues(cues: Cue[]): TranscriptTurn[] {
  const turns: TranscriptTurn[] = [];
  for (const cue of cues) {
    if (!cue.text) continue;
    const named = splitSpeaker(cue.text);
    const previous = turns[turns.length - 1];
    const speaker = named?.speaker ?? previous?.speaker ?? 'Unknown speaker';
    const text = named?.text ?? cue.text;
    if (previous && previous.speaker === speaker) {
      previous.text = `${previous.text} ${text}`;
      previous.end = cue.end;
    } else turns.push({ speaker, start: cue.start, end: cue.end, text });
  }
  return turns;
}
