import type { ZoomParticipant } from '../../../shared/host-context.ts';
import { uniquePeople, visibleText } from '../people.ts';
import {
  admitActions,
  botName,
  callInName,
  inMeetingHeadings,
  nameLabels,
  phoneNumberName,
  phoneWords,
  waitingRoomHeadings,
} from './page-labels.ts';
import { zoomSelectors as s } from './selectors.ts';

/**
 * The web client's participants panel, without the people still in the Waiting Room (Zoom lists them
 * first, under their own heading, each with an Admit button). Names lose Zoom's "(Host, Me)" labels;
 * dial-ins and bots are marked so nobody matches or links them.
 */
export function meetingParticipants(doc: Document): ZoomParticipant[] {
  const panel = doc.querySelector(s.participantPanel) ?? doc.body;
  const waiting = waitingItems(panel);
  const people = [...panel.querySelectorAll(s.participantItem)]
    .filter((item) => !waiting.has(item))
    .map((item) => participant(itemName(item), item));
  return uniquePeople(people.filter((p) => p.name));
}

/** Speakers of a recording's transcript; an entry without a name repeats the previous speaker's. */
export function transcriptSpeakers(doc: Document): ZoomParticipant[] {
  const people = [...doc.querySelectorAll(s.transcriptItem)].map((item) => {
    const shown = visibleText(item.querySelector(s.transcriptSpeaker));
    // "<speaker>, 12 seconds, <text>": the same name, on the entry itself.
    const labelled = shown ? '' : (item.getAttribute('aria-label') ?? '').split(',')[0]?.trim();
    return participant(shown || labelled || '', item);
  });
  return uniquePeople(people.filter((p) => p.name));
}

function participant(rawName: string, item: Element): ZoomParticipant {
  const name = withoutNameLabels(rawName);
  return { email: null, name, kind: kindOf(name, item) };
}

function itemName(item: Element): string {
  const shown = visibleText(item.querySelector(s.participantName));
  if (shown) return shown;
  // "Sam Carter (Host, me) computer audio unmuted, video on": the name ends at the labels or the state.
  const label = item.getAttribute('aria-label') ?? '';
  return label.split(/\s\(|\s(?:computer|no|telephone|phone)?\s?audio\b|\svideo\b/)[0]?.trim() ?? '';
}

/** "Sam Carter (Host, Me)" → "Sam Carter"; parentheses that are part of a name stay. */
export function withoutNameLabels(name: string): string {
  const match = /^(.*?)\s*\(([^()]*)\)$/.exec(name.trim());
  if (!match?.[1]) return name.trim();
  const parts = (match[2] ?? '').split(',').map((p) => p.trim().toLowerCase());
  return parts.every((p) => nameLabels.includes(p)) ? withoutNameLabels(match[1]) : name.trim();
}

function kindOf(name: string, item: Element): ZoomParticipant['kind'] {
  const digits = name.replace(/\D/g, '').length;
  const dialledIn =
    (phoneNumberName.test(name) && digits >= 7) ||
    callInName.test(name) ||
    item.querySelector(s.phoneIcon) !== null ||
    phoneWords.test(item.getAttribute('aria-label') ?? '');
  if (dialledIn) return 'phone';
  return botName.test(name) ? 'bot' : 'person';
}

/**
 * Rows in the Waiting Room: those with an Admit button, and those after a "Waiting Room (n)" heading
 * and before the next heading — whatever the nesting between them.
 */
function waitingItems(panel: Element): Set<Element> {
  const waiting = new Set<Element>();
  let section: 'waiting' | 'meeting' | null = null;
  for (const el of panel.querySelectorAll(`${s.participantItem}, ${s.participantHeading}`)) {
    if (el.matches(s.participantItem)) {
      if (section === 'waiting' || hasAdmitButton(el)) waiting.add(el);
      continue;
    }
    if (el.closest(s.participantItem) || el.querySelector(s.participantItem)) continue;
    const heading = headingText(el);
    if (waitingRoomHeadings.includes(heading)) section = 'waiting';
    else if (inMeetingHeadings.includes(heading)) section = 'meeting';
  }
  return waiting;
}

function hasAdmitButton(item: Element): boolean {
  return [...item.querySelectorAll(s.participantButton)].some((b) =>
    admitActions.includes(visibleText(b).toLowerCase()),
  );
}

/** "Waiting Room (1)" → "waiting room". */
function headingText(el: Element): string {
  return visibleText(el)
    .toLowerCase()
    .replace(/\s*\(\d+\)\s*$/, '')
    .replace(/[:：]$/, '')
    .trim();
}
