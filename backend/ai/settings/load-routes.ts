import type { StreamingDeps } from '../../deps.ts';
import { type AiRoute, routesFor } from '../routes.ts';
import { orgAiChoice } from './keys.ts';
import { loadAiSettings } from './queries.ts';

/** The org's chain of providers and whether text is redacted, read in one short transaction. */
export async function loadAiRoutes(deps: StreamingDeps): Promise<{ routes: AiRoute[]; redaction: boolean }> {
  const row = await deps.inOrg((tx) => loadAiSettings(tx, deps.orgId));
  return { routes: routesFor(orgAiChoice(row, deps.secrets), deps.config.ai), redaction: row.redaction };
}
