import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { orgAiSettings } from '../../db/schema.ts';

export type OrgAiSettingsRow = typeof orgAiSettings.$inferSelect;

/** An org that never saved AI settings has no row: these are its defaults (the schema's). */
export function defaultAiSettings(orgId: string): OrgAiSettingsRow {
  return {
    orgId,
    provider: null,
    model: null,
    anthropicKeySealed: null,
    geminiKeySealed: null,
    redaction: true,
    logGmailThreads: true,
    updatedAt: new Date(0),
  };
}

export async function loadAiSettings(tx: Db, orgId: string): Promise<OrgAiSettingsRow> {
  const [row] = await tx.select().from(orgAiSettings).where(eq(orgAiSettings.orgId, orgId)).limit(1);
  return row ?? defaultAiSettings(orgId);
}
