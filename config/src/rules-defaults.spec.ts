/**
 * RULES.md: every number there is a configuration value with the rule's default. Each shipped
 * profile starts from those defaults, and a profile that leaves out a key with a schema default
 * gets the rule's number, not another.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configErrorOf, TempProfiles } from './config-test-files.js';
import { loadConfig } from './load-config.js';
import { PROFILES } from './kiosk-config.schema.js';

const files = new TempProfiles();
afterAll(() => files.remove());
const keyFile = join(files.dir, 'kiosk.key');
writeFileSync(keyFile, 'production-key-from-its-own-file\n');

const load = (profile: string) =>
  loadConfig({ profile, overrides: profile === 'production' ? [`host.kioskKeyFile=${keyFile}`] : [] });

describe('the shipped profiles carry the numbers of RULES.md', () => {
  it.each(PROFILES)('%s: caps, PIN, face match, card and timeouts', (profile) => {
    const config = load(profile);
    expect(config.caps).toEqual({
      singleWithdrawalFen: 50_000,
      dailyWithdrawalFen: 100_000,
      withdrawalsPerDay: 2,
      smallestNoteFen: 10_000,
    });
    expect(config.pin).toMatchObject({ length: 6, maxAttempts: 3 });
    expect(config.faceMatch).toEqual({ acceptScore: 70, maxTries: 3 });
    expect(config.card).toMatchObject({
      recordsUntilPrintRequired: 60,
      validityYears: 10,
      replacementFeeFen: 2_000,
      makingRetries: 2,
      recordsOnScreen: 20,
      replacementFeeMethods: ['qr', 'account'],
    });
    expect(config.timeouts).toMatchObject({
      stepMs: 30_000,
      warnMs: 20_000,
      cardTakeMs: 30_000,
      cashTakeMs: 30_000,
      cardMakingMs: 300_000,
      feePaymentMs: 120_000,
    });
    expect(config.kiosk.region.idRegionPrefixes).toEqual(['4108']);
  });

  it('card making 300 s and the QR fee wait 120 s when the profile leaves them out: one without cardMakingMs was refused at boot', () => {
    const without = files.writeDemoWith((d) => {
      const timeouts = d['timeouts'] as Record<string, unknown>;
      delete timeouts['cardMakingMs'];
      delete timeouts['feePaymentMs'];
    });
    expect(loadConfig({ file: without }).timeouts).toMatchObject({
      cardMakingMs: 300_000,
      feePaymentMs: 120_000,
    });
  });

  it('card making retries: 2 when the profile leaves them out, 0–5 when it says them', () => {
    const without = files.writeDemoWith((d) => {
      delete (d['card'] as Record<string, unknown>)['makingRetries'];
    });
    expect(loadConfig({ file: without }).card.makingRetries).toBe(2);
    expect(loadConfig({ profile: 'demo', overrides: ['card.makingRetries=0'] }).card.makingRetries).toBe(0);
    const error = configErrorOf(() => loadConfig({ profile: 'demo', overrides: ['card.makingRetries=6'] }));
    expect(error.problems.map((p) => p.path)).toEqual(['card.makingRetries']);
  });

  it('records on screen: 20 when the profile leaves them out; the printed limit at most 100', () => {
    const without = files.writeDemoWith((d) => {
      delete (d['card'] as Record<string, unknown>)['recordsOnScreen'];
    });
    expect(loadConfig({ file: without }).card.recordsOnScreen).toBe(20);
    const error = configErrorOf(() =>
      loadConfig({
        profile: 'demo',
        overrides: ['card.recordsUntilPrintRequired=101', 'card.recordsOnScreen=0'],
      }),
    );
    expect(error.problems.map((p) => p.path).sort()).toEqual([
      'card.recordsOnScreen',
      'card.recordsUntilPrintRequired',
    ]);
  });

  it('fee payment ways: both when the profile leaves them out; none, twice or unknown refused', () => {
    const without = files.writeDemoWith((d) => {
      delete (d['card'] as Record<string, unknown>)['replacementFeeMethods'];
    });
    expect(loadConfig({ file: without }).card.replacementFeeMethods).toEqual(['qr', 'account']);
    expect(
      loadConfig({ profile: 'demo', overrides: ['card.replacementFeeMethods=[account]'] }).card
        .replacementFeeMethods,
    ).toEqual(['account']);
    for (const ways of ['[]', '[qr, qr]', '[cash]']) {
      const error = configErrorOf(() =>
        loadConfig({ profile: 'demo', overrides: [`card.replacementFeeMethods=${ways}`] }),
      );
      expect(error.problems.map((p) => p.path)[0]).toMatch(/^card\.replacementFeeMethods/);
    }
  });
});
