import type { Composer } from './draft-compose.ts';
import { calendarDate, daysBetween } from './draft-dates.ts';

/**
 * What CSCX knows about the account, said as facts: never more than the input holds. The same
 * words in every tone (they have no contractions), with a few options each for the seed.
 */
type Customer = Composer['input']['customer'];
export type Ticket = Customer['openTickets'][number];
export type Task = Customer['openTasks'][number];

const stopWords = new Set(
  'the and for with that this from have has had are was were will would could should can you your our we they them their about into over what when where which who why how any some more most much many also just please thanks thank know let get got need want like able make sure update updates issue issues problem problems question questions thing things team today tomorrow week month time there here been being does did not all out now new still again yet send sent share shar schedul review provid give follow check look call cannot unable'.split(
    ' ',
  ),
);

/** The words that carry a text's topic, crudely stemmed, for matching an ask to a ticket, task or passage. */
export function topicWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [];
  return new Set(words.filter((w) => !stopWords.has(w)).map(stem));
}

function stem(word: string): string {
  return word.replace(/(?:ing|ed|es|s)$/, '').slice(0, 8) || word;
}

function shared(a: Set<string>, b: Set<string>): number {
  let count = 0;
  for (const word of a) if (b.has(word)) count++;
  return count;
}

export function renewalDateSentence(c: Composer, withDays: boolean): string | null {
  const { renewalDate } = c.input.customer;
  if (!renewalDate) return null;
  const date = calendarDate(renewalDate, c.today);
  const days = daysBetween(c.today, renewalDate);
  if (days < 0)
    return c.say(['Your renewal date was {date}.', 'Your contract came up for renewal on {date}.'], { date });
  if (!withDays) return c.say(['Your renewal date is {date}.', 'Your renewal is on {date}.'], { date });
  return c.say(['Your renewal date is {date}, {days} from now.', 'Your renewal is on {date}, in {days}.'], {
    date,
    days: days === 1 ? 'one day' : `${days} days`,
  });
}

export function arrSentence(c: Composer): string | null {
  const { arr } = c.input.customer;
  if (!arr) return null;
  return c.say(['Your current contract is {arr} a year.', 'Your current annual contract value is {arr}.'], {
    arr,
  });
}

function ticketDetails(c: Composer, ticket: Ticket): string {
  const opened = `opened ${calendarDate(ticket.openedAt, c.today)}`;
  return ticket.priority ? `${ticket.priority.toLowerCase()} priority, ${opened}` : opened;
}

/** Words that say something is wrong, which mark the sentences a thread's problem is told in. */
const troubleWords =
  /\b(bugs?|issues?|errors?|broken|crash\w*|fail\w*|outages?|down|problems?|not working|incidents?|cannot|can['’]?t|unable|unavailable|still)\b/i;

/**
 * The topic words of the problem the thread is about: the subject and every sentence of the thread
 * that says something is wrong ("we still cannot export any data", "the export problem"), for an
 * ask that names no topic of its own ("When will it be fixed?").
 */
export function problemWords(c: Composer): Set<string> {
  const sentences = c.input.messages.flatMap((m) => m.text.split(/(?<=[.!?])\s+|\n+/));
  const troubled = sentences.filter((s) => troubleWords.test(s));
  return topicWords([c.input.subject, ...troubled].join(' '));
}

/** The open ticket an ask is about, by shared topic words. */
export function matchingTicket(c: Composer, words: Set<string>): Ticket | null {
  let best: Ticket | null = null;
  let bestScore = 0;
  for (const ticket of c.input.customer.openTickets) {
    const score = shared(words, topicWords(ticket.subject));
    if (score > bestScore) [best, bestScore] = [ticket, score];
  }
  return best;
}

export function ticketSentence(c: Composer, ticket: Ticket): string {
  return c.say(
    ['This is tracked in our ticket "{subject}" ({details}).', 'We have it open as "{subject}" ({details}).'],
    { subject: ticket.subject, details: ticketDetails(c, ticket) },
  );
}

/** The ticket the customer's complaint is about, when no answer has named it: that we are on it. */
export function workingOnTicketSentence(c: Composer, ticket: Ticket): string {
  return c.say(
    [
      'Our engineers are working on it in the open ticket "{subject}" ({details}).',
      'Our team is on it in the open ticket "{subject}" ({details}).',
    ],
    { subject: ticket.subject, details: ticketDetails(c, ticket) },
  );
}

/** All the open tickets, as one sentence: "You have 2 open tickets with us: "…" (…) and "…" (…)." */
export function openTicketsSentence(c: Composer): string | null {
  const tickets = c.input.customer.openTickets.slice(0, 3);
  if (tickets.length === 0) return null;
  const list = tickets.map((t) => `"${t.subject}" (${ticketDetails(c, t)})`);
  const count = c.input.customer.openTickets.length;
  const listed = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)}` : list[0]!;
  return c.say(['You have {count} open with us: {list}.', 'We are working on {count} for you: {list}.'], {
    count: count === 1 ? 'one ticket' : `${count} tickets`,
    list: listed,
  });
}

export function lastMeetingSentence(c: Composer): string | null {
  const meeting = c.input.customer.lastMeeting;
  if (!meeting) return null;
  return c.say(['Our last meeting was "{subject}" on {date}.', 'We last met for "{subject}" on {date}.'], {
    subject: meeting.subject,
    date: calendarDate(meeting.occurredAt, c.today),
  });
}

/** Tasks a customer may hear about: the ones that deliver something to them, not internal plans. */
const customerFacing =
  /^(send|share|schedule|introduce|deliver|provide|book|set up|review|follow up|confirm)\b/i;
const internal = /\b(save plan|escalat\w*|internal|risk|churn|competitor|discount approval)\b/i;

export function customerFacingTasks(c: Composer): Task[] {
  return c.input.customer.openTasks.filter((t) => customerFacing.test(t.title) && !internal.test(t.title));
}

export function matchingTask(c: Composer, words: Set<string>): Task | null {
  return customerFacingTasks(c).find((t) => shared(words, topicWords(t.title)) >= 1) ?? null;
}

export function taskSentence(c: Composer, task: Task): string {
  const due = task.dueDate ? calendarDate(task.dueDate, c.today) : null;
  return due
    ? c.say(['It is already on my list ("{task}", due {due}).', 'It is on my list for {due} ("{task}").'], {
        task: task.title,
        due,
      })
    : c.say(['It is already on my list ("{task}").'], { task: task.title });
}

/** A knowledge passage an ask is about (two topic words in common), with its number for the citation. */
export function matchingPassage(c: Composer, words: Set<string>): { number: number; text: string } | null {
  let best: { number: number; text: string } | null = null;
  let bestScore = 1;
  for (const [index, passage] of c.input.knowledge.entries()) {
    const score = shared(words, topicWords(`${passage.title} ${passage.text}`));
    if (score > bestScore) {
      bestScore = score;
      best = { number: index + 1, text: firstSentence(passage.text) };
    }
  }
  return best;
}

function firstSentence(text: string): string {
  const found = /^[\s\S]*?[.!?](?=\s|$)/.exec(text.trim());
  const sentence = (found?.[0] ?? text).replace(/\s+/g, ' ').trim();
  return sentence.length > 300 ? `${sentence.slice(0, 297)}…` : sentence;
}
