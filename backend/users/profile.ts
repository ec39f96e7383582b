import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { updateMeInput, userOutput } from '../../shared/api/auth.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { DomainError } from '../domain-error.ts';
import { toUserOutput } from './output.ts';

/** A user's own name and time zone (the zone decides what "days to renewal" means for them). */
export async function updateMe(
  { db, clock }: { db: Db; clock: Clock },
  principal: Principal,
  input: z.infer<typeof updateMeInput>,
): Promise<z.infer<typeof userOutput>> {
  const [row] = await db
    .update(users)
    .set({ ...input, updatedAt: clock.now() })
    .where(eq(users.id, principal.userId))
    .returning();
  if (!row) throw new DomainError('NOT_FOUND', 'no such user');
  return toUserOutput(row);
}
