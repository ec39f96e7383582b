import { runBuiltStatement } from '../db/built-once.ts';
import type { Db } from '../db/client.ts';
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
  const shape: Shape = {
    topic: clues.grams.length > 0,
    names: clues.participantNames.length > 0,
    event: clues.conference !== undefined,
  };
  if (!shape.topic && !shape.names && !shape.event) return [];
  const statement = statementFor(shape);
  const values: Record<ParamName, unknown> = {
    org: orgId,
    grams: clues.grams,
    ownNames: clues.ownNames,
    names: clues.participantNames,
    conference: clues.conference?.key ?? null,
    at: clues.conference?.at.toISOString() ?? null,
  };
  const rows = await runBuiltStatement<HitRow>(
    db,
    statement.text,
    statement.params.map((name) => values[name]),
  );
  return rows.map(toHit);
}

/** Which kinds of clue the meeting shows: each is a branch of the statement. */
interface Shape {
  topic: boolean;
  names: boolean;
  event: boolean;
}

/** Each value is sent once, however many branches use it. */
type ParamName = 'org' | 'grams' | 'ownNames' | 'names' | 'conference' | 'at';
const paramTypes: Record<ParamName, string> = {
  org: 'uuid',
  grams: 'text[]',
  ownNames: 'text[]',
  names: 'text[]',
  conference: 'text',
  at: 'timestamptz',
};

const statements = new Map<string, { text: string; params: ParamName[] }>();

/** The statement for a shape of meeting, built the first time it is asked for (see built-once.ts). */
function statementFor(shape: Shape): { text: string; params: ParamName[] } {
  const key = JSON.stringify(shape);
  let statement = statements.get(key);
  if (!statement) {
    statement = buildStatement(shape);
    statements.set(key, statement);
  }
  return statement;
}

function buildStatement(shape: Shape): { text: string; params: ParamName[] } {
  const params: ParamName[] = [];
  const $ = (name: ParamName): string => {
    if (!params.includes(name)) params.push(name);
    return `$${params.indexOf(name) + 1}::${paramTypes[name]}`;
  };
  const org = $('org');
  const branches: string[] = [];
  if (shape.topic)
    branches.push(`
      select 'topic' as kind, c.id as customer_id, g.gram as position, null::json as detail
      from (select (g.ord - 1)::int as gram, cscx_name_key(g.text) as key
            from unnest(${$('grams')}) with ordinality as g(text, ord) offset 0) g
      join customers c on c.org_id = ${org} and c.name_key = g.key
      where g.key <> '' and g.key <> all(array(
        select cscx_name_key(o.name) from orgs o where o.id = ${org}
        union select cscx_name_key(n) from unnest(${$('ownNames')}) n))`);
  if (shape.names)
    branches.push(`
      (select 'name' as kind, k.customer_id, p.position,
              json_build_object('id', k.id, 'email', k.email, 'name', k.name, 'title', k.title, 'role', k.role) as detail
      from (select n.key, min(n.ord - 1)::int as position
            from (select cscx_name_key(n.name) as key, n.ord
                  from unnest(${$('names')}) with ordinality as n(name, ord) offset 0) n
            where n.key <> '' group by n.key) p
      join contacts k on k.org_id = ${org} and k.name_key = p.key
      order by p.position, k.id
      limit ${maxNameHits})`);
  if (shape.event) {
    const at = $('at');
    // Calendar events recorded with this conference id (meetings/service.ts), the nearest first,
    // within 12 hours: personal meeting ids and recurring meetings reuse one id for many meetings.
    branches.push(`
      (select 'event' as kind, a.customer_id,
              (row_number() over (order by abs(extract(epoch from a.occurred_at - ${at})), a.id) - 1)::int as position,
              json_build_object('title', a.subject) as detail
      from activities a
      where a.org_id = ${org} and a.conference_id = ${$('conference')} and a.kind = 'meeting'
        and a.occurred_at between ${at} - interval '12 hours' and ${at} + interval '12 hours'
      limit 20)`);
  }
  const text = `
    select h.* from (${branches.join(' union all ')}) h
    order by h.kind, h.position, h.customer_id`;
  return { text, params };
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
