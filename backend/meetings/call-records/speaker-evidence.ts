import { and, eq, isNull } from 'drizzle-orm';
import { readMeetingGuests } from '../../calendar-sync/meeting-guests.ts';
import type { Db } from '../../db/client.ts';
import { orgs, users } from '../../db/schema.ts';
import { contactsOf, rememberedSpeakers } from './queries.ts';
import { type CallAttendee, type SpeakerEvidence, speakerKeyOf } from './speakers.ts';

/**
 * What the call's speakers are matched against, read in the plan's transaction: the Calendar
 * meeting's guests as the sync last saw them, the Zoom participants fetched before it opened, the
 * customer's contacts, the org's members and domains, and the CSMs' remembered fixes.
 */
export async function readSpeakerEvidence(
  tx: Db,
  orgId: string,
  call: {
    customerId: string;
    meetingId: string | null;
    speakers: string[];
    participants: readonly CallAttendee[];
  },
): Promise<SpeakerEvidence> {
  const [contacts, remembered, members, [org], guests] = await Promise.all([
    contactsOf(tx, orgId, call.customerId),
    rememberedSpeakers(tx, orgId, call.speakers.map(speakerKeyOf)),
    tx
      .select({ name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.orgId, orgId), isNull(users.removedAt)))
      .limit(2000),
    tx.select({ domains: orgs.domains }).from(orgs).where(eq(orgs.id, orgId)),
    call.meetingId ? readMeetingGuests(tx, orgId, call.meetingId) : [],
  ]);
  const invited = guests.map((g) => ({ name: g.name, email: g.email, source: 'calendar_guest' as const }));
  return {
    attendees: [...call.participants, ...invited],
    contacts,
    members,
    orgDomains: org?.domains ?? [],
    remembered,
  };
}
