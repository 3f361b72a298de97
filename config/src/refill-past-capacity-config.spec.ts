/**
 * The fault: what a cassette and the card hopper hold was modelled nowhere, so a refill of more
 * than they hold was taken and the counts drifted from what the kiosk really has. Now the profile
 * says it (`cassetteCapacity` of the cash dispenser, `hopperCapacity` of the card printer; by
 * default an LCDM-2000 cassette's 2,000 notes and a Primacy-class feeder's 100 cards), and an
 * emulator's starting count past it stops boot naming the key (the refusal of a refill past it:
 * the daemon's `refill-past-capacity` spec).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { configErrorOf, TempProfiles, type ProfileData } from './config-test-files.js';
import { loadConfig } from './load-config.js';
import {
  DEFAULT_CASSETTE_CAPACITY,
  DEFAULT_HOPPER_CAPACITY,
  DEFAULT_RIBBON_CAPACITY,
} from './supply-capacity-config.js';

const profiles = new TempProfiles();
afterAll(() => profiles.remove());

const devicesOf = (data: ProfileData) => data['devices'] as Record<string, Record<string, unknown>>;

describe('what a cassette and the card hopper hold', () => {
  it('defaults to the hardware’s: 2,000 notes a cassette, 100 blank cards', () => {
    const config = loadConfig({ file: profiles.writeDemoWith(() => undefined) });
    expect(DEFAULT_CASSETTE_CAPACITY).toBe(2_000);
    expect(DEFAULT_HOPPER_CAPACITY).toBe(100);
    expect(config.devices.cashDispenser.cassetteCapacity).toBe(DEFAULT_CASSETTE_CAPACITY);
    expect(config.devices.cardPrinter.hopperCapacity).toBe(DEFAULT_HOPPER_CAPACITY);
  });

  it('a ribbon: 500 prints unless the profile says another (ribbon-refill-without-capacity)', () => {
    const config = loadConfig({ file: profiles.writeDemoWith(() => undefined) });
    expect(DEFAULT_RIBBON_CAPACITY).toBe(500);
    expect(config.devices.cardPrinter.ribbonCapacity).toBe(DEFAULT_RIBBON_CAPACITY);
  });

  it.each([
    [
      'an LCDM cassette loaded past its capacity',
      (d: ProfileData) => {
        devicesOf(d)['cashDispenser']!['cassetteCapacity'] = 150;
      },
      ['devices.cashDispenser.cassettes.upper.count', 'devices.cashDispenser.cassettes.lower.count'],
    ],
    [
      'an emulated cassette loaded past its capacity',
      (d: ProfileData) => {
        devicesOf(d)['cashDispenser'] = {
          driver: 'emulator',
          cassettes: [{ denominationFen: 10000, count: 2_001 }],
        };
      },
      ['devices.cashDispenser.cassettes[0].count'],
    ],
    [
      'an emulated hopper holding more blanks than it can',
      (d: ProfileData) => {
        devicesOf(d)['cardPrinter']!['hopper'] = 101;
      },
      ['devices.cardPrinter.hopper'],
    ],
    [
      'an emulated ribbon of more prints than a ribbon holds',
      (d: ProfileData) => {
        devicesOf(d)['cardPrinter']!['ribbonCapacity'] = 300;
      },
      ['devices.cardPrinter.ribbonPrints'],
    ],
    [
      'a capacity of none',
      (d: ProfileData) => {
        devicesOf(d)['cardPrinter']!['hopperCapacity'] = 0;
      },
      ['devices.cardPrinter.hopperCapacity', 'devices.cardPrinter.hopper'],
    ],
  ])('%s stops boot naming the key', (_what, change, paths) => {
    const error = configErrorOf(() => loadConfig({ file: profiles.writeDemoWith(change) }));
    expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
    expect(error.problems.map((p) => p.path)).toEqual(paths);
  });
});
