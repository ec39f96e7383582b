import { and, desc, eq } from 'drizzle-orm';
import type { StyleProfile } from '../../../shared/api/drafts.ts';
import type { RecordSentInput, RecordSentOutput, StyleProfileOutput } from '../../../shared/api/style.ts';
import type { Db } from '../../db/client.ts';
import { draftFeedback, drafts, styleProfiles, users } from '../../db/schema.ts';
import type { OrgDeps } from '../../deps.ts';
import { DomainError } from '../../domain-error.ts';
import { describeStyleProfile } from './describe.ts';
import { emptyStyleProfile, learnStyleProfile } from './learn-profile.ts';
import { sentBody } from './sent-body.ts';
import { compareDraftWithSent } from './word-diff.ts';

/** The profile is learned from this many of the CSM's latest sent drafts: habits change. */
export const learningWindow = 20;

interface Owner {
  orgId: string;
  userId: string;
}

/**
 * A message that began as the caller's draft was sent: the edit is recorded (one event a draft;
 * a different text for it replaces the earlier one, the same text changes nothing) and the
 * caller's style profile is learned again from their latest sent drafts.
 */
export async function recordSent(deps: OrgDeps, input: RecordSentInput): Promise<RecordSentOutput> {
  const { db, principal, clock } = deps;
  const owner = { orgId: principal.orgId, userId: principal.userId };
  const [draft] = await db
    .select({ text: drafts.text })
    .from(drafts)
    .where(and(eq(drafts.orgId, owner.orgId), eq(drafts.id, input.draftId), eq(drafts.userId, owner.userId)));
  if (!draft) throw new DomainError('NOT_FOUND', 'no such draft');
  const sentText = sentBody(input.sentText);
  if (!sentText) throw new DomainError('BAD_REQUEST', 'the sent text holds nothing but quoted mail');
  const [earlier] = await db
    .select({ sentText: draftFeedback.sentText, editDistance: draftFeedback.editDistance })
    .from(draftFeedback)
    .where(and(eq(draftFeedback.orgId, owner.orgId), eq(draftFeedback.draftId, input.draftId)));
  if (earlier?.sentText === sentText)
    return { editDistance: earlier.editDistance, ...(await styleProfileOf(deps)) };

  const { distance, diff } = compareDraftWithSent(draft.text, sentText);
  await db
    .insert(draftFeedback)
    .values({ ...owner, draftId: input.draftId, sentText, editDistance: distance, diff })
    .onConflictDoUpdate({
      target: [draftFeedback.orgId, draftFeedback.draftId],
      set: { sentText, editDistance: distance, diff },
    });
  const previous = (await loadStyleProfile(db, owner)) ?? emptyStyleProfile;
  const profile = learnStyleProfile(await latestSamples(db, owner), await senderName(db, owner), previous);
  const updatedAt = clock.now();
  await db
    .insert(styleProfiles)
    .values({ ...owner, profile, samples: profile.samples, updatedAt })
    .onConflictDoUpdate({
      target: [styleProfiles.orgId, styleProfiles.userId],
      set: { profile, samples: profile.samples, updatedAt },
    });
  return { editDistance: distance, ...outputOf(profile, updatedAt) };
}

export async function styleProfileOf(deps: OrgDeps): Promise<StyleProfileOutput> {
  const owner = { orgId: deps.principal.orgId, userId: deps.principal.userId };
  const [row] = await profileRow(deps.db, owner);
  return row ? outputOf(row.profile, row.updatedAt) : outputOf(emptyStyleProfile, null);
}

/** Forgets how the caller writes: the profile and the sent texts it was learned from. */
export async function resetStyleProfile(deps: OrgDeps): Promise<StyleProfileOutput> {
  const { orgId, userId } = deps.principal;
  await deps.db
    .delete(draftFeedback)
    .where(and(eq(draftFeedback.orgId, orgId), eq(draftFeedback.userId, userId)));
  await deps.db
    .delete(styleProfiles)
    .where(and(eq(styleProfiles.orgId, orgId), eq(styleProfiles.userId, userId)));
  return outputOf(emptyStyleProfile, null);
}

/** What a draft follows: null until something was learned. */
export async function loadStyleProfile(tx: Db, owner: Owner): Promise<StyleProfile | null> {
  const [row] = await profileRow(tx, owner);
  return row && row.samples > 0 ? row.profile : null;
}

function profileRow(tx: Db, owner: Owner) {
  return tx
    .select({
      profile: styleProfiles.profile,
      samples: styleProfiles.samples,
      updatedAt: styleProfiles.updatedAt,
    })
    .from(styleProfiles)
    .where(and(eq(styleProfiles.orgId, owner.orgId), eq(styleProfiles.userId, owner.userId)));
}

async function latestSamples(tx: Db, owner: Owner) {
  return tx
    .select({ draftText: drafts.text, sentText: draftFeedback.sentText })
    .from(draftFeedback)
    .innerJoin(drafts, and(eq(drafts.orgId, draftFeedback.orgId), eq(drafts.id, draftFeedback.draftId)))
    .where(and(eq(draftFeedback.orgId, owner.orgId), eq(draftFeedback.userId, owner.userId)))
    .orderBy(desc(draftFeedback.createdAt), desc(draftFeedback.id))
    .limit(learningWindow);
}

async function senderName(tx: Db, owner: Owner): Promise<string> {
  const [user] = await tx
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.orgId, owner.orgId), eq(users.id, owner.userId)));
  return user?.name ?? '';
}

function outputOf(profile: StyleProfile, updatedAt: Date | null): StyleProfileOutput {
  return { profile, describe: describeStyleProfile(profile), updatedAt: updatedAt?.toISOString() ?? null };
}
