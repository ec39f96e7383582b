import type { CalendarAttendee } from '../../../shared/host-context.ts';
import { asEmail, uniquePeople } from '../people.ts';
import { type GuestRole, roleOfLabel, rolesIn, splitTrailingRole } from './role-labels.ts';
import { resourceCalendarDomain, calendarSelectors as s } from './selectors.ts';

/**
 * Guests from a list whose entries carry the address in an attribute (`data-hovercard-id` in the
 * popover, `data-email` on the event page), on the entry itself or on an element inside it. An entry
 * is the widest element around that attribute holding no other guest, so a label beside the name
 * (visible, hidden or in `aria-label`) is found wherever the page puts it.
 */
export function readGuests(list: Element, marked: readonly Element[]): CalendarAttendee[] {
  const guests: CalendarAttendee[] = [];
  for (const element of marked) {
    const email = addressOf(element);
    if (!email || email.endsWith(`@${resourceCalendarDomain}`)) continue;
    guests.push(readGuest(entryOf(element, list, email), email));
  }
  return uniquePeople(guests);
}

/**
 * Whether the page lists fewer guests than its summary line counts ("14 guests" over a list cut
 * short): the summary counts rooms too, so they are counted among the listed here as well. A page
 * without a summary, or one whose number cannot be read, is taken at its list.
 */
export function isShortenedGuestList(summary: Element | null, marked: readonly Element[]): boolean {
  const stated = /\d+/.exec(summary?.textContent ?? '')?.[0];
  if (stated === undefined) return false;
  const listed = new Set(marked.map(addressOf).filter((email) => email !== null));
  return Number(stated) > listed.size;
}

export function addressOf(element: Element): string | null {
  return asEmail(element.getAttribute('data-email') ?? element.getAttribute('data-hovercard-id'));
}

function entryOf(element: Element, list: Element, email: string): Element {
  let entry = element;
  for (let parent = entry.parentElement; parent && parent !== list; parent = parent.parentElement) {
    const others = [...parent.querySelectorAll(s.guestAddress)].some((el) => addressOf(el) !== email);
    if (others) break;
    entry = parent;
  }
  return entry;
}

interface TextPiece {
  text: string;
  hidden: boolean;
}

function readGuest(entry: Element, email: string): CalendarAttendee {
  const roles = new Set<GuestRole>();
  const pieces = textPieces(entry);
  for (const piece of pieces) {
    const role = roleOfLabel(piece.text);
    if (role) roles.add(role);
  }
  const ariaLabel = entry.getAttribute('aria-label') ?? '';
  for (const role of rolesIn(ariaLabel)) roles.add(role);

  const attributeName =
    entry.querySelector(s.guestName)?.getAttribute('data-name') ?? entry.getAttribute('data-name');
  const shown = pieces.find((p) => !p.hidden && !roleOfLabel(p.text) && p.text.toLowerCase() !== email);
  const labelled = ariaLabel.split(',')[0]?.trim() ?? '';
  const raw = attributeName?.trim() || shown?.text || (labelled.toLowerCase() === email ? '' : labelled);
  const { name, role } = splitTrailingRole(raw);
  if (role) roles.add(role);
  return {
    email,
    name: name.toLowerCase() === email ? '' : name,
    organizer: roles.has('organizer'),
    optional: roles.has('optional'),
    group: roles.has('group'),
  };
}

function within(entry: Element, node: Node, selector: string): boolean {
  const match = node.parentElement?.closest(selector);
  return !!match && entry.contains(match);
}

/** Each text node on its own: separate nodes are what `textContent` would glue together. */
function textPieces(entry: Element): TextPiece[] {
  const pieces: TextPiece[] = [];
  const walker = entry.ownerDocument.createTreeWalker(entry, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!text) continue;
    pieces.push({ text, hidden: within(entry, node, s.hiddenLabel) || within(entry, node, s.decorative) });
  }
  return pieces;
}
