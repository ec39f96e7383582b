import { reportsProblem } from './asks.ts';
import { type Composer, type Paragraph, required, sentence } from './draft-compose.ts';
import { matchingTicket, problemWords, workingOnTicketSentence } from './draft-facts.ts';
import { isAimedAtTheModel } from './draft-injected-asks.ts';
import { sameName } from './draft-intents.ts';
import { phraseBooks } from './draft-phrases.ts';
import { cleanQuote, clipped, ourWords } from './draft-restate.ts';

/**
 * A reply to a customer who sounds unhappy opens on their problem, not on small talk: an apology
 * in their own words ("I'm sorry that you still cannot export any data"), its impact, the open
 * ticket it is tracked in when no answer has named it, and that it is urgent. Without a sentence
 * that says what is broken, the tone's stock apology.
 */
export function complaintOpening(c: Composer): Paragraph {
  const book = phraseBooks[c.tone];
  const latest = latestCustomerText(c);
  const problem = latest ? problemClause(latest) : null;
  const again = latest !== null && repeated.test(latest);
  const apology = problem
    ? c.say(again ? book.apologyRepeated : book.apology, {
        problem: c.tone === 'formal' ? withoutContractions(problem) : problem,
      })
    : c.say(book.empathy);
  const paragraph: Paragraph = [sentence(apology, required)];
  // Called after the answers: a ticket an answer named is not named twice.
  const ticket = matchingTicket(c, problemWords(c));
  if (ticket && c.firstTime(`ticket:${ticket.subject}`))
    paragraph.push(sentence(workingOnTicketSentence(c, ticket), 90));
  if (c.input.analysis?.urgency === 'high') paragraph.push(sentence(c.say(book.urgent), 65));
  return paragraph;
}

/** "third outage", "down again": the customer saying it is not the first time. */
const repeated =
  /\b(again|(second|third|fourth|fifth|another|repeated|recurring) (outage|incident|failure|time)s?)\b/i;

function latestCustomerText(c: Composer): string | null {
  const { messages, sender } = c.input;
  const theirs = messages.filter((m) => !sameName(m.from.name, sender.name));
  return theirs.at(-1)?.text ?? null;
}

/**
 * The part of the customer's sentence that says what is broken, in our words: "it is now Tuesday
 * and we still cannot export any data." gives "you still cannot export any data".
 */
export function problemClause(text: string): string | null {
  const sentences = text.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+/);
  for (const found of sentences) {
    if (found.trim().endsWith('?') || !reportsProblem(found) || isAimedAtTheModel(found)) continue;
    const clauses = cleanQuote(found, null).split(/\s*(?:[,;:–—]\s*|\s(?:and|but|so|because)\s)\s*/i);
    // Mail is untrusted: a clause with a link or an address in it is not repeated (`cleanQuote` marks them).
    const clause = clauses.find((part) => reportsProblem(part) && !/[\uE000\uE001]/.test(part));
    if (!clause) continue;
    const words = ourWords(clause.replace(/[\s.!]+$/, ''));
    // "The export is down" reads on after "I'm sorry that"; "SSO is down" keeps its capitals.
    return clipped(/^[A-Z][a-z]/.test(words) ? words.charAt(0).toLowerCase() + words.slice(1) : words);
  }
  return null;
}

function withoutContractions(text: string): string {
  return text
    .replace(/\bcan['’]t\b/gi, 'cannot')
    .replace(/\bwon['’]t\b/gi, 'will not')
    .replace(/n['’]t\b/gi, ' not');
}
