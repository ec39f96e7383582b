import type { z } from 'zod';
import type { orgOutput, userOutput } from '../../shared/api/auth.ts';
import type { orgs, users } from '../db/schema.ts';

export function toUserOutput(row: typeof users.$inferSelect): z.infer<typeof userOutput> {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    timeZone: row.timeZone,
    mustChangePassword: row.mustChangePassword,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toOrgOutput(row: typeof orgs.$inferSelect): z.infer<typeof orgOutput> {
  return {
    id: row.id,
    name: row.name,
    domains: row.domains,
    recordCalendarMeetings: row.recordCalendarMeetings,
    competitors: row.competitors,
  };
}
