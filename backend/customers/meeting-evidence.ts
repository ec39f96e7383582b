import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { activities, contacts, customers, orgs } from '../db/schema.ts';
import type { ContactHit } from './match.ts';

/** What a meeting shows besides addresses: its topic's grams, its participants' names, its conference id. */
export interface MeetingClues {
  /** Topic grams (topic-grams.ts), in order: a hit names its gram by index. */
  grams: string[];
  /** The org's own names as a topic shows them; the org's name is read here. */
  ownNames: string[];
  participantNames: string[];
  /** The meeting's video conference id (conferenceKey) and when it takes place. */
  conference?: { key: string; at: Date };
}

export type MeetingHit =
  | { kind: 'topic'; customerId: string; gram: number }
  | { kind: 'name'; customerId: string; contact: ContactHit }
  | { kind: 'event'; customerId: string; title: string };

/** Contacts found by a participant's name: common names recur across customers, so some stop here. */
const maxNameHits = 200;

/**
 * Customers named in the topic, contacts named among the participants, and Calendar events with the
 * meeting's conference id, in one statement. Names are keyed on both sides by `cscx_name_key`
 * (migration 0008): the stored `name_key` columns, and the grams and names here, so each probe is an
 * equality on an (org_id, name_key) index. The keys are computed in a sub-query that is not
 * flattened (`offset 0`, `group by`): row-level security lets the planner probe an index only with a
 * leakproof clause, and `name_key = cscx_name_key(…)` is not one, while `name_key = g.key` is; each
 * key is also computed once instead of per use.
 */
export async function findMeetingHits(db: Db, orgId: string, clues: MeetingClues): Promise<MeetingHit[]> {
  const branches: SQL[] = [];
  if (clues.grams.length > 0)
    branches.push(sql`
      select 'topic' as kind, c.id as customer_id, g.gram as position, null::json as detail
      from (select (g.ord - 1)::int as gram, cscx_name_key(g.text) as key
            from unnest(${sql.param(clues.grams)}::text[]) with ordinality as g(text, ord) offset 0) g
      join ${customers} c on c.org_id = ${orgId} and c.name_key = g.key
      where g.key <> '' and g.key <> all(array(
        select cscx_name_key(o.name) from ${orgs} o where o.id = ${orgId}
        union select cscx_name_key(n) from unnest(${sql.param(clues.ownNames)}::text[]) n))`);
  if (clues.participantNames.length > 0)
    branches.push(sql`
      (select 'name' as kind, k.customer_id, p.position,
              json_build_object('id', k.id, 'email', k.email, 'name', k.name, 'title', k.title, 'role', k.role) as detail
      from (select n.key, min(n.ord - 1)::int as position
            from (select cscx_name_key(n.name) as key, n.ord
                  from unnest(${sql.param(clues.participantNames)}::text[]) with ordinality as n(name, ord) offset 0) n
            where n.key <> '' group by n.key) p
      join ${contacts} k on k.org_id = ${orgId} and k.name_key = p.key
      order by p.position, k.id
      limit ${maxNameHits})`);
  if (clues.conference) {
    const at = sql`${clues.conference.at.toISOString()}::timestamptz`;
    // Calendar events recorded with this conference id (meetings/service.ts), the nearest first,
    // within 12 hours: personal meeting ids and recurring meetings reuse one id for many meetings.
    branches.push(sql`
      (select 'event' as kind, a.customer_id,
              (row_number() over (order by abs(extract(epoch from a.occurred_at - ${at})), a.id) - 1)::int as position,
              json_build_object('title', a.subject) as detail
      from ${activities} a
      where a.org_id = ${orgId} and a.conference_id = ${clues.conference.key} and a.kind = 'meeting'
        and a.occurred_at between ${at} - interval '12 hours' and ${at} + interval '12 hours'
      limit 20)`);
  }
  if (branches.length === 0) return [];
  const rows = await db.execute<HitRow>(sql`
    select h.* from (${sql.join(branches, sql` union all `)}) h
    order by h.kind, h.position, h.customer_id`);
  return rows.map(toHit);
}

interface HitRow extends Record<string, unknown> {
  kind: MeetingHit['kind'];
  customer_id: string;
  /** The gram's index for a topic hit, the name's for a name hit, nearness for an event. */
  position: number;
  detail: Omit<ContactHit, 'customerId'> | { title: string } | string | null;
}

function toHit(row: HitRow): MeetingHit {
  const customerId = row.customer_id;
  if (row.kind === 'topic') return { kind: 'topic', customerId, gram: Number(row.position) };
  const detail = typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail;
  if (row.kind === 'event') return { kind: 'event', customerId, title: detail.title };
  return { kind: 'name', customerId, contact: { ...detail, customerId } };
}
