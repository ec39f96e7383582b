import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { updateMeInput, userOutput } from '../../shared/api/auth.ts';
import { users } from '../db/schema.ts';
import type { OrgDeps } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { toUserOutput } from './output.ts';

/** A user's own name and time zone (the zone decides what "days to renewal" means for them). */
export async function updateMe(
  { db, clock, principal }: OrgDeps,
  input: z.infer<typeof updateMeInput>,
): Promise<z.infer<typeof userOutput>> {
  const [row] = await db
    .update(users)
    .set({ ...input, updatedAt: clock.now() })
    .where(and(eq(users.orgId, principal.orgId), eq(users.id, principal.userId)))
    .returning();
  if (!row) throw new DomainError('NOT_FOUND', 'no such user');
  return toUserOutput(row);
}
