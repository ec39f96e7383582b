import type { ContextOutput } from '../../../shared/api/customers.ts';
import { contextTitle, type HostContext, participantEmails } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { topicSearchTerms } from './topic-terms.ts';

/**
 * Finds the customer a host page is about: by the participants' addresses when the page shows any,
 * otherwise (Zoom shows names only) by customer names that appear in the meeting topic.
 */
export async function lookupCustomer(api: ApiClient, context: HostContext): Promise<ContextOutput> {
  const emails = participantEmails(context);
  if (emails.length > 0) return api.customers.context.query({ emails });
  return matchTopicToCustomer(api, contextTitle(context));
}

async function matchTopicToCustomer(api: ApiClient, topic: string): Promise<ContextOutput> {
  const found = new Map<string, ContextOutput['candidates'][number]>();
  for (const term of topicSearchTerms(topic)) {
    const page = await api.customers.list.query({ search: term, limit: 5 });
    for (const customer of page.items) {
      if (found.has(customer.id) || !topic.toLowerCase().includes(customer.name.toLowerCase())) continue;
      const reason = {
        contactEmails: [],
        domainMatches: [],
        summary: `"${customer.name}" is in the meeting topic`,
      };
      found.set(customer.id, { customer, reason, lastActivityAt: null });
    }
  }
  const candidates = [...found.values()];
  const first = candidates[0];
  if (!first) return { candidates, customer: null, unmatchedEmails: [] };
  const detail = await api.customers.context.query({ customerId: first.customer.id });
  return { candidates, customer: detail.customer, unmatchedEmails: [] };
}
