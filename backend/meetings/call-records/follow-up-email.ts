import type { CallRecordView } from '../../../shared/api/call-records.ts';

/** The day of an ISO moment as it was said in the meeting's offset ("2026-11-27T17:00:00+01:00" → 27 Nov). */
export function dueDayOf(due: string | null): string | undefined {
  return due ? due.slice(0, 10) : undefined;
}

function dueText(due: string | null): string {
  const day = dueDayOf(due);
  if (!day) return '';
  const date = new Date(`${day}T12:00:00Z`);
  return ` (by ${date.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })})`;
}

/**
 * The follow-up a CSM sends after a call: what was decided and who does what by when, in the
 * words the record holds (the CSM's edits included). Plain text, for the approval queue to show
 * and the CSM to edit before it goes.
 */
export function composeFollowUpEmail(
  record: CallRecordView,
  greetingNames: string[],
): { subject: string; body: string } {
  const { analysis } = record;
  const hello = greetingNames.length > 0 ? `Hi ${greetingNames.join(', ')},` : 'Hi all,';
  const lines = [
    hello,
    '',
    `Thank you for your time on our call${record.title ? ` (${record.title})` : ''}. A short recap:`,
  ];
  if (analysis.decisions.length > 0) {
    lines.push('', 'What we decided:');
    for (const d of analysis.decisions) lines.push(`- ${d.text}`);
  }
  if (analysis.actionItems.length > 0) {
    lines.push('', 'Next steps:');
    for (const a of analysis.actionItems)
      lines.push(`- ${a.owner ? `${a.owner}: ` : ''}${a.text}${dueText(a.due)}`);
  }
  if (analysis.decisions.length === 0 && analysis.actionItems.length === 0 && analysis.summary)
    lines.push('', analysis.summary);
  lines.push('', 'Let me know if I missed anything.', '', 'Best regards');
  return { subject: `Follow-up: ${record.title || 'our call'}`.slice(0, 998), body: lines.join('\n') };
}
