import type { z } from 'zod';
import { isoDateTime } from '../../../shared/api/common.ts';
import type { ContextOutput, contextLookupInput } from '../../../shared/api/customers.ts';
import { contextPeople, type HostContext, participantEmails } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';

type LookupInput = z.input<typeof contextLookupInput>;

/**
 * What the page says about who the customer is, for one `customers.context` call: the people's
 * addresses, the event title or meeting topic, and the names of people shown without an address
 * (Zoom shows names only), a Zoom meeting's number. The server matches all of it and ranks one list
 * (customers/context.ts).
 */
export function customerLookupInput(context: HostContext): LookupInput | null {
  const emails = participantEmails(context);
  const topic =
    context.host === 'gmail' ? '' : (context.host === 'zoom' ? context.topic : context.title).trim();
  const names = [
    ...new Set(
      contextPeople(context)
        .filter((p) => !p.email && p.name.trim())
        .map((p) => p.name.trim()),
    ),
  ];
  // A Zoom meeting's number finds the customer whose Calendar event carried it (meetings.recordFromCalendar).
  const meetingId = context.host === 'zoom' ? context.meetingId : null;
  const at =
    context.host === 'zoom' && isoDateTime.safeParse(context.startTime).success ? context.startTime : null;
  if (emails.length === 0 && !topic && names.length === 0 && !meetingId) return null;
  return {
    emails,
    ...(topic ? { topic } : {}),
    ...(names.length > 0 ? { names } : {}),
    ...(meetingId ? { meetingId } : {}),
    ...(meetingId && at ? { at } : {}),
  };
}

export async function lookupCustomer(api: ApiClient, context: HostContext): Promise<ContextOutput> {
  const input = customerLookupInput(context);
  if (!input) return { candidates: [], customer: null, unmatchedEmails: [] };
  return api.customers.context.query(input);
}
