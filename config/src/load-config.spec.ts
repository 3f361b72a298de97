/** Loading a profile: shipped profiles, overrides, the key file, and the frozen result. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEVICE_KINDS, ErrorCode } from '@kiosk/domain';
import { configErrorOf, TempProfiles } from './config-test-files.js';
import { DEFAULT_PROFILES_DIR, loadConfig } from './load-config.js';
import { PROFILES } from './kiosk-config.schema.js';

const files = new TempProfiles();
afterAll(() => files.remove());
const keyFile = join(files.dir, 'kiosk.key');
writeFileSync(keyFile, 'production-key-from-its-own-file\n');

describe('loadConfig', () => {
  it.each(PROFILES.filter((p) => p !== 'production'))('loads the shipped %s profile', (profile) => {
    const config = loadConfig({ profile });
    expect(config.profile).toBe(profile);
    expect(config.caps).toEqual({
      singleWithdrawalFen: 50000,
      dailyWithdrawalFen: 100000,
      withdrawalsPerDay: 2,
      smallestNoteFen: 10000,
    });
    expect(config.timeouts).toEqual({
      stepMs: 30000,
      warnMs: 20000,
      cardTakeMs: 30000,
      cashTakeMs: 30000,
      cardMakingMs: 300000,
      feePaymentMs: 120000,
      endedViewMs: 5000,
      selfTestMs: 60000,
      supplyActMs: 15000,
    });
    expect(config.kiosk.region.idRegionPrefixes).toEqual(['4108']);
  });

  it('loads the shipped production profile with its key file in place, real drivers only', () => {
    const config = loadConfig({ profile: 'production', overrides: [`host.kioskKeyFile=${keyFile}`] });
    expect(config.host).toMatchObject({ mode: 'external', kioskKey: 'production-key-from-its-own-file' });
    expect(DEVICE_KINDS.map((kind) => config.devices[kind].driver)).not.toContain('emulator');
    expect(config.demo.panel).toBe(false);
  });

  it('refuses the production profile when its key file is absent', () => {
    const error = configErrorOf(() =>
      loadConfig({
        profile: 'production',
        overrides: [`host.kioskKeyFile=${join(files.dir, 'absent.key')}`],
      }),
    );
    expect(error.problems).toEqual([
      { path: 'host.kioskKeyFile', reason: 'cannot read the key file: no such file' },
    ]);
  });

  it('refuses a key given both inline and as a file', () => {
    const file = files.writeDemoWith((d) => {
      d['host']['kioskKeyFile'] = keyFile;
    });
    const error = configErrorOf(() => loadConfig({ file }));
    expect(error.problems[0]).toMatchObject({
      path: 'host.kioskKeyFile',
      reason: 'give host.kioskKey or host.kioskKeyFile, not both',
    });
  });

  it('reads a relative key file from the profile folder', () => {
    const file = files.writeDemoWith((d) => {
      delete d['host']['kioskKey'];
      d['host']['kioskKeyFile'] = 'kiosk.key';
    });
    expect(loadConfig({ file }).host.kioskKey).toBe('production-key-from-its-own-file');
  });

  it('loads the demo profile when neither profile nor file is given', () => {
    expect(loadConfig().profile).toBe('demo');
  });

  it('finds the shipped profiles beside the package sources', () => {
    expect(DEFAULT_PROFILES_DIR.replaceAll('\\', '/')).toMatch(/\/config\/profiles\/$/);
  });

  it('takes the file over the profile', () => {
    const file = files.writeDemoWith((d) => {
      d['kiosk']['id'] = 'JZ-4242';
    });
    expect(loadConfig({ file, profile: 'test' }).kiosk.id).toBe('JZ-4242');
  });

  it('looks named profiles up in configDir', () => {
    files.writeDemoWith((d) => {
      d['kiosk']['id'] = 'JZ-0777';
    }, 'demo');
    expect(loadConfig({ profile: 'demo', configDir: files.dir }).kiosk.id).toBe('JZ-0777');
  });

  it('refuses a profile file that declares another profile', () => {
    files.writeDemoWith(() => {}, 'staging');
    const error = configErrorOf(() => loadConfig({ profile: 'staging', configDir: files.dir }));
    expect(error.problems[0]).toMatchObject({
      path: 'profile',
      reason: 'the file says demo but profile staging was asked for',
    });
  });

  it('refuses a profile name that is a path', () => {
    const error = configErrorOf(() => loadConfig({ profile: '../secrets/demo' }));
    expect(error.code).toBe(ErrorCode.CONFIG_FILE_MISSING);
    expect(error.problems[0]?.reason).toMatch(
      /^"\.\.\/secrets\/demo" is not a profile name; profiles here: demo/,
    );
  });

  it('refuses a folder given as the file', () => {
    const error = configErrorOf(() => loadConfig({ file: files.dir }));
    expect(error.code).toBe(ErrorCode.CONFIG_FILE_MISSING);
    expect(error.problems[0]?.reason).toBe('is a folder, not a file');
  });

  it('refuses a list at the top of the file', () => {
    const error = configErrorOf(() => loadConfig({ file: files.writeText('- profile: demo\n') }));
    expect(error.problems[0]?.reason).toBe('expected a mapping of keys at the top of the file, got a list');
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      levels.push(
        `${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(10)
          .fill(i === 1 ? '*a' : `*${'b'.repeat(i - 1)}`)
          .join(', ')}]`,
      );
    const error = configErrorOf(() => loadConfig({ file: files.writeText(`${levels.join('\n')}\n`) }));
    expect(error.code).toBe(ErrorCode.CONFIG_PARSE_FAILED);
  });

  it('returns a deep-frozen object', () => {
    const config = loadConfig({ profile: 'demo' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.caps)).toBe(true);
    expect(Object.isFrozen(config.kiosk.region.idRegionPrefixes)).toBe(true);
    const cassettes =
      config.devices.cashDispenser.driver === 'emulator' ? config.devices.cashDispenser.cassettes : [];
    expect(Object.isFrozen(cassettes[0])).toBe(true);
    expect(() => {
      (config.caps as { singleWithdrawalFen: number }).singleWithdrawalFen = 1;
    }).toThrow(TypeError);
  });

  it('fault: a bound on a device answering staff that is not a positive number of ms is refused', () => {
    const error = configErrorOf(() => loadConfig({ profile: 'test', overrides: ['timeouts.supplyActMs=0'] }));
    expect(error.problems.map((p) => p.path)).toEqual(['timeouts.supplyActMs']);
    expect(
      loadConfig({ profile: 'test', overrides: ['timeouts.supplyActMs=8000'] }).timeouts.supplyActMs,
    ).toBe(8000);
  });

  it('fills emulator defaults that the file leaves out', () => {
    const file = files.writeDemoWith((d) => {
      d['devices']['cardPrinter'] = { driver: 'emulator' };
    });
    expect(loadConfig({ file }).devices.cardPrinter).toEqual({
      driver: 'emulator',
      hopper: 100,
      rejectBinCapacity: 20,
      ribbonPrints: 500,
      reportsCounters: true,
      chipStationWaitMs: 2000,
      hopperCapacity: 100,
      ribbonCapacity: 500,
    });
  });
});
