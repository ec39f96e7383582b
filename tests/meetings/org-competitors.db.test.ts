import { describe, expect, it } from 'vitest';
import { suiteWithApp } from '../support/app-suite.ts';
import { aCustomer, aMember, anOrg } from '../support/builders.ts';
import { errorOf } from '../support/errors.ts';

const suite = suiteWithApp();
const db = () => suite.testDb.database.db;

const transcript = [
  'Dana Whitfield: Thanks for joining. How is the rollout going?',
  'Marco Ruiz: Mostly well, but finance asked us to compare you with Churnzero before we renew.',
  'Dana Whitfield: Understood. I will send the ROI summary by Friday.',
].join('\n');

describe('the org’s competitor list', () => {
  it('is set by an admin, and a call that names one carries a competitor signal with its name', async () => {
    const org = await anOrg(db());
    const admin = suite.app.client((await aMember(db(), org, { role: 'admin' })).token);
    const csm = suite.app.client((await aMember(db(), org, { role: 'csm' })).token);
    const customer = await aCustomer(db(), org, { name: 'Globex' });

    const before = await csm.meetings.importTranscript.mutate({
      text: transcript,
      customerId: customer.id,
      title: 'Before',
    });
    expect(before.record.analysis.signals.filter((s) => s.kind === 'competitor')).toEqual([]);

    const saved = await admin.org.update.mutate({ competitors: ['ChurnZero', ' Gainsight ', 'churnzero'] });
    expect(saved.competitors).toEqual(['ChurnZero', 'Gainsight']);
    expect((await csm.org.get.query()).competitors).toEqual(['ChurnZero', 'Gainsight']);

    const after = await csm.meetings.importTranscript.mutate({
      text: `${transcript}\nMarco Ruiz: One more thing.`,
      customerId: customer.id,
      title: 'After',
    });
    const competitors = after.record.analysis.signals.filter((s) => s.kind === 'competitor');
    expect(competitors).toHaveLength(1);
    expect(competitors[0]?.label.toLowerCase()).toBe('churnzero');
    expect(competitors[0]?.quote).toMatch(/compare you with Churnzero/);
  });

  it('is an admin’s to change, and refuses an empty name', async () => {
    const org = await anOrg(db());
    const csm = suite.app.client((await aMember(db(), org, { role: 'csm' })).token);
    const admin = suite.app.client((await aMember(db(), org, { role: 'admin' })).token);
    expect(await errorOf(csm.org.update.mutate({ competitors: ['Gainsight'] }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await errorOf(admin.org.update.mutate({ competitors: ['  '] }))).toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect((await admin.org.get.query()).competitors).toEqual([]);
  });
});
