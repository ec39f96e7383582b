import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';

export interface AuditEntry {
  orgId: string;
  /** Null for the system (CLI imports, first-run set-up). */
  actorUserId: string | null;
  action: string;
  tableName: string;
  rowId: string;
  changes?: Record<string, unknown>;
}

export async function recordAudit(tx: Db, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const rows = Array.isArray(entries) ? entries : [entries];
  if (rows.length === 0) return;
  await tx.insert(auditLog).values(rows.map((e) => ({ ...e, changes: e.changes ?? {} })));
}
