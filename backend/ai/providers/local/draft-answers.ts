import { type Composer, type Paragraph, required, sentence } from './draft-compose.ts';
import { addBusinessDays, calendarDay, weekdayDate } from './draft-dates.ts';
import {
  arrSentence,
  lastMeetingSentence,
  matchingPassage,
  matchingTask,
  matchingTicket,
  problemWords,
  renewalDateSentence,
  taskSentence,
  ticketSentence,
  topicWords,
} from './draft-facts.ts';
import { askDisposition } from './draft-injected-asks.ts';
import { phraseBooks } from './draft-phrases.ts';
import { cleanQuote, restateAsk, spoken } from './draft-restate.ts';
import { resolveDue } from './due-dates.ts';

/** An ask of the thread still waiting on us, with what its dates resolve against. */
export interface PendingAsk {
  quote: string;
  kind: 'request' | 'question';
  sentAt: string;
  /** The asker's email domain: their own addresses may be repeated, others not. */
  senderDomain: string | null;
  /** What an ask of this thread may be about (`askContext`). */
  context: Set<string>;
}

const renewal = /\b(renew\w*|contract\w*|term|expir\w*|extension)\b/i;
const pricing =
  /\b(pric\w*|cost\w*|quotes?|quotation|discount\w*|budget|fees?|seats?|licen[cs]\w*|upgrade\w*|paying|spend\w*|arr)\b/i;
const current = /\b(current\w*|now|paying|today|spend\w*|arr)\b/i;
const renewalWhen = /\b(when|date|expir\w*|ends?|until)\b/i;
const issue =
  /\b(bugs?|issues?|errors?|broken|crash\w*|fail\w*|outages?|down|slow\w*|tickets?|problems?|fix\w*|not working|incidents?|latency|locked out|glitch\w*)\b/i;
const meeting =
  /\b(meet\w*|calls?|sync|qbr|agenda|schedul\w*|demo|catch[ -]up|workshop|session|walk-?through)\b/i;
const lastMeetingAsked = /\b(last|previous|recap|notes|minutes)\b/i;
const scheduling =
  /\b(schedul\w*|set up|book|arrange|find (a )?time|times?|slots?|availability|calls?|meet)\b/i;
/** Requests whose answer is information ("confirm…", "let you know…"), which we come back with. */
const answeredInWords =
  /^(give you an update|confirm|check|verify|let you know|find out|look into|tell you|clarify|explain|advise)\b/i;
const deadlineCue =
  /\b(by|before|until|till|no later than|ahead of|eod|cob|end of (the )?(day|week|month))\b/i;

/** An ask's answer; what we must find out for it is said apart, so that several are said once. */
export interface AnsweredAsk {
  paragraph: Paragraph;
  comeBack: ComeBack | null;
}

/** "Let me find out… by Friday": `topic` ("the credit") when the ask has a short name for it. */
export interface ComeBack {
  topic: string | null;
  when: string;
  text: string;
}

/** Money the customer asks of us: the CSM's call, raised with the team, never promised in a draft. */
const commercial = /\b(credit|refund|discount|compensation|reimbursement|waiver|rebate)s?\b/i;
/** "We need to discuss this before…": a wish to talk it through, which a call answers. */
const discussion =
  /\b(discuss\w*|talk (about|through|over|it|this)|go (over|through)|walk (us )?through|sit down)\b/i;
const before = /\s(before|ahead of)\s+(.+?)[\s.!]*$/i;
const asksWhen = /\b(when|eta|timeline|how long|date)\b/i;

/**
 * One ask answered: what was asked, in our words (or quoted); the facts CSCX has on it (the renewal
 * date and contract value, the open ticket, the last meeting, the task on our list, a knowledge
 * passage, cited); and, where the facts do not settle it, when we will come back — never a fact
 * the input does not hold. Null for an instruction aimed at the drafting model.
 */
export function answerAsk(c: Composer, ask: PendingAsk): AnsweredAsk | null {
  const book = phraseBooks[c.tone];
  const disposition = askDisposition(ask.quote, ask.senderDomain, ask.context);
  if (disposition === 'leave_out') return null;
  if (disposition === 'decline')
    return { paragraph: [sentence(c.say(book.declineForwarding), required)], comeBack: null };

  const cleaned = cleanQuote(ask.quote, ask.senderDomain);
  const restated = restateAsk(cleaned);
  if (restated.form === 'question' && !cleaned.endsWith('?') && discussion.test(cleaned))
    return { paragraph: [sentence(callToDiscuss(c, cleaned), required)], comeBack: null };
  const lead =
    restated.form === 'question'
      ? c.say(book.askedQuestion, { quote: restated.quote }) + (/[.?!…]$/.test(restated.quote) ? '' : '.')
      : c.say(restated.form === 'us' ? book.askedUs : book.askedToDo, { core: restated.core });
  const paragraph: Paragraph = [sentence(spoken(lead), required)];
  const words = topicWords(cleaned);
  const asksUs = restated.form === 'us' || (ask.kind === 'request' && restated.form !== 'themselves');
  let settled = false;
  let delivery = book.deliver;

  if (renewal.test(cleaned)) {
    const asked = renewalWhen.test(cleaned);
    const date = c.firstTime('renewal')
      ? renewalDateSentence(c, c.length !== 'short')
      : asked
        ? renewalDateSentence(c, false)
        : null;
    if (date) paragraph.push(sentence(date, required));
    settled = date !== null && asked && !pricing.test(cleaned);
  }
  if (pricing.test(cleaned) || (renewal.test(cleaned) && /\bcontract/i.test(cleaned))) {
    const asked = current.test(cleaned);
    const arr = c.firstTime('arr') || asked ? arrSentence(c) : null;
    if (arr) paragraph.push(sentence(arr, required));
    settled ||= arr !== null && asked;
  }
  if (issue.test(cleaned)) {
    // "When will it be fixed?" names no topic: the problem the thread is about does.
    const ticket = matchingTicket(c, words) ?? matchingTicket(c, problemWords(c));
    const fact = ticket
      ? c.firstTime(`ticket:${ticket.subject}`)
        ? ticketSentence(c, ticket)
        : c.say(['That is the same ticket, "{subject}".'], { subject: ticket.subject })
      : c.say([
          'I do not see an open ticket for this yet, so I will open one with our support team.',
          'There is no open ticket for this yet; I will open one with our support team.',
        ]);
    paragraph.push(sentence(fact, required));
    // Whether it is fixed is for the team to say: we come back with their answer.
    delivery = book.findOut;
  }
  if (meeting.test(cleaned)) {
    const askedAboutIt = lastMeetingAsked.test(cleaned);
    const last = askedAboutIt || c.firstTime('meeting') ? lastMeetingSentence(c) : null;
    if (last) paragraph.push(sentence(last, askedAboutIt ? required : 40));
    settled ||= last !== null && askedAboutIt && /\bwhen\b/i.test(cleaned);
    if (scheduling.test(cleaned)) delivery = book.sendTimes;
  }
  if (restated.form === 'us' && answeredInWords.test(restated.core)) delivery = book.findOut;
  const task = matchingTask(c, words);
  if (task && c.firstTime(`task:${task.title}`)) paragraph.push(sentence(taskSentence(c, task), 60));
  const passage = matchingPassage(c, words);
  if (passage) {
    paragraph.push(sentence(`${passage.text} [${passage.number}]`, required));
    settled = true;
  }

  const money = commercial.exec(cleaned);
  if (money) {
    paragraph.push(
      sentence(c.say(book.raiseCommercial, { topic: `the ${money[1]!.toLowerCase()}` }), required),
    );
    delivery = book.findOut;
  }

  const due = whenFor(c, ask, delivery === book.deliver ? (task?.dueDate ?? null) : null);
  const findsOut = delivery === book.findOut || (!asksUs && delivery === book.deliver && !settled);
  if (findsOut) {
    const topic = money
      ? `the ${money[1]!.toLowerCase()}`
      : issue.test(cleaned)
        ? asksWhen.test(cleaned)
          ? 'the fix date'
          : 'the fix'
        : null;
    return { paragraph, comeBack: { topic, when: due, text: c.say(book.findOut, { when: due }) } };
  }
  if (asksUs || delivery !== book.deliver) paragraph.push(sentence(c.say(delivery, { when: due }), required));
  return { paragraph, comeBack: null };
}

/** "Let's set up a call this week to go through it before we talk about the renewal." */
function callToDiscuss(c: Composer, cleaned: string): string {
  const found = before.exec(cleaned);
  const clause = found
    ? ` ${found[1]!.toLowerCase()} ${found[2]!.replace(/\b(i|me)\b/gi, 'you').replace(/\bmy\b/gi, 'your')}`
    : '';
  return c.say(phraseBooks[c.tone].discussCall, { before: clause });
}

/**
 * The answers' paragraphs, with what we must find out said once: two or more things to come back
 * on by the same day become one sentence ("I'll come back to you on the fix date and the credit by
 * Friday, December 4."); a single one stays in its answer.
 */
export function withComeBacks(c: Composer, answers: AnsweredAsk[]): Paragraph[] {
  const comeBacks = answers.flatMap((a) => (a.comeBack ? [a.comeBack] : []));
  const named = comeBacks.filter((b) => b.topic !== null);
  const days = new Set(named.map((b) => b.when));
  const combine = named.length >= 2 && days.size === 1;
  const paragraphs = answers.map((a) =>
    a.comeBack && !(combine && a.comeBack.topic !== null)
      ? [...a.paragraph, sentence(a.comeBack.text, required)]
      : a.paragraph,
  );
  if (!combine) return paragraphs;
  const topics = [...new Set(named.map((b) => b.topic!))];
  const listed = topics.length > 1 ? `${topics.slice(0, -1).join(', ')} and ${topics.at(-1)}` : topics[0]!;
  const text = c.say(phraseBooks[c.tone].comeBackOn, { topics: listed, when: named[0]!.when });
  return [...paragraphs, [sentence(text, required)]];
}

/**
 * "by Friday, November 27": the deadline the ask names ("by Friday", "before the end of the month")
 * when it is still ahead, else the task's due date, else two working days from now.
 */
function whenFor(c: Composer, ask: PendingAsk, taskDue: string | null): string {
  const named = deadlineCue.test(ask.quote) ? resolveDue(c.nlp, ask.quote, ask.sentAt) : null;
  const candidates = [named && calendarDay(named), taskDue && calendarDay(taskDue)];
  const day = candidates.find((d): d is string => !!d && d >= c.today) ?? addBusinessDays(c.today, 2);
  return day === c.today ? 'by the end of today' : `by ${weekdayDate(day)}`;
}
