import { type Composer, type Paragraph, required, sentence } from './draft-compose.ts';
import { addBusinessDays, calendarDate, calendarDay, daysBetween, weekdayDate } from './draft-dates.ts';
import {
  arrSentence,
  customerFacingTasks,
  lastMeetingSentence,
  openTicketsSentence,
  renewalDateSentence,
} from './draft-facts.ts';
import { phraseBooks } from './draft-phrases.ts';
import { cleanQuote, clipped, promiseCore, spoken } from './draft-restate.ts';

/** The paragraphs each intent adds around the answers to the thread's asks. */

/** The opener: warm always has its friendly one, formal keeps its own, concise has none to keep. */
function openerPriority(c: Composer): number {
  if (c.tone === 'warm') return required;
  return c.tone === 'formal' ? 80 : 30;
}

/** The subject as a topic: "Re: Question about SSO rollout" is "SSO rollout". */
export function topicOf(subject: string): string {
  const topic = subject
    .replace(/^\s*((re|fwd?|fw|aw|tr)\s*:\s*)+/i, '')
    .replace(/^(question|questions|follow-up|following up|update|quick question)\s*(about|on|re|:)?\s*/i, '')
    .trim();
  if (!topic || topic.endsWith('?')) return 'your message';
  const lowered = /^[A-Z][a-z]+\b/.test(topic) ? topic.charAt(0).toLowerCase() + topic.slice(1) : topic;
  return /^(the|a|an|our|your|my|this|these|those|their)\b/i.test(lowered) ? lowered : `the ${lowered}`;
}

/** The opener of a reply to a customer who does not sound unhappy (that one is `complaintOpening`). */
export function replyOpening(c: Composer, answered: number): Paragraph {
  const book = phraseBooks[c.tone];
  const topic = topicOf(c.input.subject);
  const analysis = c.input.analysis;
  const paragraph: Paragraph =
    answered > 0 || c.input.intent !== 'reply'
      ? [
          sentence(
            c.tone === 'concise' && answered < 2 ? '' : c.say(book.replyOpeners, { topic }),
            openerPriority(c),
          ),
        ]
      : [
          sentence(c.say(book.acknowledgements, { topic }), required),
          sentence(c.say(book.noted), c.tone === 'concise' ? 30 : 50),
        ];
  if (analysis?.urgency === 'high') paragraph.push(sentence(c.say(book.urgent), 65));
  return paragraph;
}

/** What we promised earlier in the thread, acknowledged; a promise past its date, with an apology and a new date. */
export function commitmentsParagraph(c: Composer, priority: number): Paragraph {
  const book = phraseBooks[c.tone];
  const commitments = c.input.analysis?.commitments.slice(-3) ?? [];
  return commitments.map((commitment) => {
    const core = promiseCore(commitment.quote);
    const late = commitment.due !== null && calendarDay(commitment.due) < c.today;
    if (core && late)
      return sentence(
        c.say(book.promisedLate, { core, when: `by ${weekdayDate(addBusinessDays(c.today, 1))}` }),
        priority,
      );
    if (core) return sentence(c.say(book.promised, { core }), priority);
    return sentence(
      c.say(book.promisedAsWritten, { quote: spoken(clipped(cleanQuote(commitment.quote, null))) }),
      priority,
    );
  });
}

export function checkInParagraphs(c: Composer): Paragraph[] {
  const book = phraseBooks[c.tone];
  const { customer } = c.input;
  const opening: Paragraph = [
    sentence(c.say(book.checkInOpeners, { customer: customer.name }), openerPriority(c)),
    sentence(c.say(book.checkInPurpose, { customer: customer.name }), required),
  ];
  const facts: Paragraph = [];
  const tickets = openTicketsSentence(c);
  if (tickets) facts.push(sentence(tickets, 85));
  const renewal = renewalDateSentence(c, true);
  const renewalSoon = customer.renewalDate !== null && daysBetween(c.today, customer.renewalDate) <= 120;
  if (renewal) facts.push(sentence(renewal, renewalSoon ? 75 : 30));
  const meeting = lastMeetingSentence(c);
  if (meeting) facts.push(sentence(meeting, 55));
  const task = customerFacingTasks(c)[0];
  if (task) facts.push(sentence(nextOnMySide(c, task), 50));
  const sinceMeeting = customer.lastMeeting ? daysBetween(customer.lastMeeting.occurredAt, c.today) : null;
  const question: Paragraph = [
    sentence(c.say(book.checkInQuestions), required),
    sentence(c.say(book.callOffers), sinceMeeting === null || sinceMeeting > 30 ? 60 : 35),
  ];
  return [opening, facts, question];
}

export function followUpParagraphs(c: Composer): Paragraph[] {
  const book = phraseBooks[c.tone];
  const { customer } = c.input;
  const meeting = customer.lastMeeting;
  const topic =
    c.input.messages.length > 0
      ? topicOf(c.input.subject)
      : meeting
        ? `our "${meeting.subject}" on ${calendarDate(meeting.occurredAt, c.today)}`
        : 'my last note';
  const paragraphs: Paragraph[] = [[sentence(c.say(book.followUpOpeners, { topic }), required)]];
  const promised = commitmentsParagraph(c, 95);
  if (promised.length > 0) paragraphs.push(promised);
  else {
    const tasks = customerFacingTasks(c).slice(0, 2);
    if (tasks.length > 0) paragraphs.push(tasks.map((task) => sentence(nextOnMySide(c, task), 80)));
  }
  const last = c.input.messages.at(-1);
  if (last && sameName(last.from.name, c.input.sender.name))
    paragraphs.push([sentence(c.say(book.followUpNudges), 90)]);
  return paragraphs;
}

export function renewalParagraphs(c: Composer): Paragraph[] {
  const book = phraseBooks[c.tone];
  const { customer } = c.input;
  const opening: Paragraph = [
    sentence(c.say(book.renewalOpeners), c.tone === 'concise' ? required : openerPriority(c)),
  ];
  const facts: Paragraph = [];
  c.firstTime('renewal');
  const date = renewalDateSentence(c, c.length !== 'short');
  facts.push(
    sentence(
      date ??
        c.say(['I do not have your renewal date on file; I will confirm it and the terms {when}.'], {
          when: `by ${weekdayDate(addBusinessDays(c.today, 2))}`,
        }),
      required,
    ),
  );
  const arr = arrSentence(c);
  if (arr) facts.push(sentence(arr, 70));
  const ticket = customer.openTickets[0];
  if (ticket) facts.push(sentence(c.say(book.beforeRenewal, { ticket: ticket.subject }), 65));
  return [opening, facts, [sentence(c.say(book.renewalCall), required)]];
}

/** For a long draft: the account's facts the draft has not said yet. */
export function accountContext(c: Composer, said: string): Paragraph {
  const { customer } = c.input;
  const context: Paragraph = [];
  if (customer.renewalDate && !said.includes(calendarDate(customer.renewalDate, c.today))) {
    const renewal = renewalDateSentence(c, true);
    if (renewal) context.push(sentence(`For reference, ${lowerFirst(renewal)}`, 25));
  }
  if (customer.openTickets.length > 0 && !customer.openTickets.some((t) => said.includes(t.subject))) {
    const tickets = openTicketsSentence(c);
    if (tickets) context.push(sentence(tickets, 20));
  }
  if (customer.lastMeeting && !said.includes(customer.lastMeeting.subject)) {
    const meeting = lastMeetingSentence(c);
    if (meeting) context.push(sentence(meeting, 15));
  }
  return context;
}

function nextOnMySide(c: Composer, task: { title: string; dueDate: string | null }): string {
  const due = task.dueDate ? `, due ${calendarDate(task.dueDate, c.today)}` : '';
  return c.say(['Next on my side: {task}{due}.', 'On my list: {task}{due}.'], { task: task.title, due });
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
