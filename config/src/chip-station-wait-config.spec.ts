/**
 * The card printer's wait for its chip station (`devices.cardPrinter.chipStationWaitMs`): how long
 * the printer's opening and its self test wait for the station's PC/SC reader to show before the
 * station reads offline. The profiles say the domain's 2 s, left out it is that too, an operator's
 * value is taken as set (0: not at all), and a value that is no wait (negative, fractional, with
 * its unit, past 30 s) stops boot naming the key.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_CHIP_STATION_WAIT_MS, ErrorCode } from '@kiosk/domain';
import { configErrorOf, shippedProfile, TempProfiles } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const files = new TempProfiles();
afterAll(() => files.remove());

/** The test profile with these overrides: its refusal, one line a problem. */
function refusalOf(...overrides: string[]): { code: string; lines: string[] } {
  const error = configErrorOf(() => loadConfig({ profile: 'test', overrides }));
  return { code: error.code, lines: error.problems.map((p) => `${p.path}: ${p.reason}`) };
}

describe("devices.cardPrinter.chipStationWaitMs: the printer's wait for its chip station's reader", () => {
  it("the three profiles say the domain's 2 s", () => {
    expect(DEFAULT_CHIP_STATION_WAIT_MS).toBe(2_000);
    for (const profile of ['demo', 'test', 'production']) {
      expect(shippedProfile(profile).devices['cardPrinter']).toMatchObject({
        chipStationWaitMs: DEFAULT_CHIP_STATION_WAIT_MS,
      });
    }
  });

  it("left out on either driver: the domain's 2 s", () => {
    for (const printer of [{ driver: 'emulator' }, { driver: 'tcp', host: '127.0.0.1', port: 9101 }]) {
      const file = files.writeDemoWith((d) => {
        d['devices']['cardPrinter'] = printer;
      });
      expect(loadConfig({ file }).devices.cardPrinter.chipStationWaitMs).toBe(DEFAULT_CHIP_STATION_WAIT_MS);
    }
  });

  it("an operator's wait is taken as set, 0 (not at all) and 30 s included", () => {
    for (const ms of [0, 400, 30_000]) {
      const config = loadConfig({
        profile: 'test',
        overrides: [`devices.cardPrinter.chipStationWaitMs=${ms}`],
      });
      expect(config.devices.cardPrinter.chipStationWaitMs).toBe(ms);
    }
  });
});

describe('devices.cardPrinter.chipStationWaitMs values that are no wait stop boot', () => {
  it.each([
    ['-1', '-1'],
    ['60000', '60000'],
    ['1500.5', '1500.5'],
    ['3s', '"3s"'],
  ])('fault: chip station wait %s (no wait, or past 30 s): refused at its key', (value, shown) => {
    const { code, lines } = refusalOf(`devices.cardPrinter.chipStationWaitMs=${value}`);
    expect(code).toBe(ErrorCode.CONFIG_INVALID);
    expect(lines).toEqual([
      `devices.cardPrinter.chipStationWaitMs: expected a whole number of ms, 0 to 30000, got ${shown}`,
    ]);
  });
});
