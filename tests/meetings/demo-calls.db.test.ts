import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../backend/config.ts';
import { seedDemo } from '../../backend/demo/seed.ts';
import { seedDemoCalls } from '../../backend/meetings/demo/demo-calls.ts';
import { suiteWithApp } from '../support/app-suite.ts';
import { aMember, anOrg } from '../support/builders.ts';

const suite = suiteWithApp();

describe('the demo book’s calls', () => {
  it('stores a renewal at risk and a growing account’s review as full call records, once', async () => {
    const db = suite.testDb.database.db;
    const org = await anOrg(db, { name: `Demo calls ${Date.now()}` });
    const admin = await aMember(db, org, { role: 'admin' });
    await seedDemo(db, org, { customers: 60, activities: 1200, now: new Date() });
    const config = loadConfig({
      CSCX_SECRET_KEY: '07'.repeat(32),
      CSCX_AI_PROVIDER: 'local',
      LOG_LEVEL: 'silent',
    });

    const calls = await seedDemoCalls(db, config, org.id);

    expect(calls.map((c) => c.outcome)).toEqual(['created', 'created']);
    const [risk, growth] = calls.map((c) => c.record);
    expect(risk?.analysis.signals.map((s) => s.kind)).toContain('risk');
    expect(growth?.analysis.signals.map((s) => s.kind)).toContain('expansion');
    for (const record of [risk, growth]) {
      expect(record?.analysis.decisions.length).toBeGreaterThan(0);
      expect(record?.analysis.actionItems.some((i) => i.owner && i.due)).toBe(true);
      expect(record?.speakers.some((s) => s.how === 'contact')).toBe(true);
    }
    const shown = await suite.app.client(admin.token).meetings.callRecord.query({ id: risk?.id ?? '' });
    expect(shown.record?.customerName).toBe(risk?.customerName);

    expect((await seedDemoCalls(db, config, org.id)).map((c) => c.outcome)).toEqual([
      'unchanged',
      'unchanged',
    ]);
  });
});
