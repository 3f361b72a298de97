/**
 * The receipt printer's wait for its print head to cool (`devices.receiptPrinter.headCoolWaitMs`,
 * receipt-head-hot-mid-journey-cause-lost): left out it is the domain's 5 s on every driver, an
 * operator's value is taken as set, and one that would reach a resident's step (past 15 s, half
 * its 30 s) or is no wait stops boot naming the key.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_HEAD_COOL_WAIT_MS, ErrorCode } from '@kiosk/domain';
import { configErrorOf, TempProfiles } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const files = new TempProfiles();
afterAll(() => files.remove());

const KEY = 'devices.receiptPrinter.headCoolWaitMs';

describe("devices.receiptPrinter.headCoolWaitMs: a receipt's wait for a hot print head", () => {
  it("left out on any driver: the domain's 5 s", () => {
    expect(DEFAULT_HEAD_COOL_WAIT_MS).toBe(5_000);
    for (const printer of [{ driver: 'emulator' }, { driver: 'escpos-tcp', host: '127.0.0.1', port: 9100 }]) {
      const file = files.writeDemoWith((d) => {
        d['devices']['receiptPrinter'] = printer;
      });
      expect(loadConfig({ file }).devices.receiptPrinter.headCoolWaitMs).toBe(DEFAULT_HEAD_COOL_WAIT_MS);
    }
  });

  it("an operator's wait is taken as set, 15 s included", () => {
    for (const ms of [1, 3_000, 15_000]) {
      const config = loadConfig({ profile: 'test', overrides: [`${KEY}=${ms}`] });
      expect(config.devices.receiptPrinter.headCoolWaitMs).toBe(ms);
    }
  });

  it.each(['0', '-1', '20000', '3s'])(
    'fault: a head cool wait of %s (no wait, or past 15 s): refused at its key',
    (value) => {
      const error = configErrorOf(() => loadConfig({ profile: 'test', overrides: [`${KEY}=${value}`] }));
      expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
      expect(error.problems.map((p) => p.path)).toContain(KEY);
    },
  );
});
