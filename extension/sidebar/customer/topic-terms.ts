/**
 * Candidate customer names in a meeting topic such as "Globex Industrial <> CSCX — Quarterly review":
 * the parts between the separators people put in topics, longest first, without meeting words.
 */
const separators = /\s*(?:<>|\||—|–|:|\/|\+|&|,|\(|\)|\s-\s|\sx\s|\bwith\b|\band\b)\s*/i;
const meetingWords =
  /\b(weekly|monthly|quarterly|sync|check-?in|qbr|review|business|kick-?off|onboarding|call|meeting|demo|catch-?up|intro|renewal|planning|session|update|standup)\b/gi;

export function topicSearchTerms(topic: string): string[] {
  const terms = topic
    .split(separators)
    .map((part) => part.replace(meetingWords, ' ').replace(/\s+/g, ' ').trim())
    .filter((part) => part.length >= 3);
  return [...new Set(terms)].sort((a, b) => b.length - a.length).slice(0, 4);
}
