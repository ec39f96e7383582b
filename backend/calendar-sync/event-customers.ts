import {
  type AddressHit,
  addressesOfGroups,
  addressHitsQuery,
  customerOfEachGroup,
} from '../customers/address-groups.ts';
import { readParticipants } from '../customers/participants.ts';
import type { Db } from '../db/client.ts';

/**
 * The customer each event is with, matched as the sidebar matches a Calendar event's guests (the
 * org's own and free-mail domains never count), for a whole page of events in one statement. An
 * event with no customer guest is absent: internal meetings are not recorded.
 */
export async function customersOfEvents(
  tx: Db,
  orgId: string,
  orgDomains: readonly string[],
  events: readonly { key: string; addresses: string[] }[],
): Promise<Map<string, string>> {
  const groups = events.map((e) => ({ key: e.key, participants: readParticipants(e.addresses, orgDomains) }));
  const { emails, domains } = addressesOfGroups(groups);
  if (emails.length === 0) return new Map();
  const hits = await tx.execute<AddressHit>(addressHitsQuery(orgId, emails, domains));
  const customers = customerOfEachGroup(groups, hits);
  return new Map(groups.flatMap((g, i) => (customers[i] ? [[g.key, customers[i]] as const] : [])));
}
