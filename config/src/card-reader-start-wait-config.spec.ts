/**
 * The PC/SC card reader's wait at boot (`devices.cardReader.startWaitMs`, ADR 0002): how long the
 * daemon's ready line waits for pcscd to list a reader it has not listed yet; on the auto driver,
 * its probe's wait before it chooses (`probeWaitMs`). The domain's 1.5 s when left out, an
 * operator's value taken as set (0: not at all), and a value that is no wait (negative,
 * fractional, with its unit, past 30 s) stops boot naming the key.
 */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_PCSC_READER_WAIT_MS, ErrorCode } from '@kiosk/domain';
import { configErrorOf } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const PCSC = 'devices.cardReader.driver=pcsc';

/** The test profile with a PC/SC card reader and these overrides: its refusal, one line a problem. */
function refusalOf(...overrides: string[]): { code: string; lines: string[] } {
  const error = configErrorOf(() => loadConfig({ profile: 'test', overrides: [PCSC, ...overrides] }));
  return { code: error.code, lines: error.problems.map((p) => `${p.path}: ${p.reason}`) };
}

describe("devices.cardReader.startWaitMs: the PC/SC reader's wait at boot", () => {
  it("left out: the domain's 1.5 s", () => {
    const config = loadConfig({ profile: 'test', overrides: [PCSC] });
    expect(config.devices.cardReader).toMatchObject({
      driver: 'pcsc',
      startWaitMs: DEFAULT_PCSC_READER_WAIT_MS,
    });
  });

  it("an operator's wait is taken as set, 0 (not at all) and 30 s included", () => {
    for (const ms of [0, 400, 30_000]) {
      const config = loadConfig({
        profile: 'test',
        overrides: [PCSC, `devices.cardReader.startWaitMs=${ms}`],
      });
      expect(config.devices.cardReader).toMatchObject({ driver: 'pcsc', startWaitMs: ms });
    }
  });
});

describe('devices.cardReader.startWaitMs values that are no wait stop boot', () => {
  it('fault: negative reader start wait: refused at its key', () => {
    const { code, lines } = refusalOf('devices.cardReader.startWaitMs=-1');
    expect(code).toBe(ErrorCode.CONFIG_INVALID);
    expect(lines).toEqual([
      'devices.cardReader.startWaitMs: expected a whole number of ms, 0 to 30000, got -1',
    ]);
  });

  it('fault: reader start wait past 30 s (a boot that looks hung): refused', () => {
    expect(refusalOf('devices.cardReader.startWaitMs=60000').lines).toEqual([
      'devices.cardReader.startWaitMs: expected a whole number of ms, 0 to 30000, got 60000',
    ]);
  });

  it('fault: fractional reader start wait: refused', () => {
    expect(refusalOf('devices.cardReader.startWaitMs=1500.5').lines).toEqual([
      'devices.cardReader.startWaitMs: expected a whole number of ms, 0 to 30000, got 1500.5',
    ]);
  });

  it('fault: reader start wait given with its unit ("3s"): refused, ms expected', () => {
    expect(refusalOf('devices.cardReader.startWaitMs=3s').lines).toEqual([
      'devices.cardReader.startWaitMs: expected a whole number of ms, 0 to 30000, got "3s"',
    ]);
  });

  it('fault: reader start wait on the emulated reader (it has no PC/SC reader to wait for): unknown key', () => {
    const error = configErrorOf(() =>
      loadConfig({ profile: 'test', overrides: ['devices.cardReader.startWaitMs=1000'] }),
    );
    expect(error.problems.map((p) => p.path)).toEqual(['devices.cardReader.startWaitMs']);
  });
});

describe("devices.cardReader.probeWaitMs: the auto driver's wait for a PC/SC reader before it chooses", () => {
  const AUTO = 'devices.cardReader.driver=auto';

  it("left out: the domain's 1.5 s, as the probe waited before it could be set", () => {
    const config = loadConfig({ profile: 'test', overrides: [AUTO] });
    expect(config.devices.cardReader).toMatchObject({
      driver: 'auto',
      probeWaitMs: DEFAULT_PCSC_READER_WAIT_MS,
    });
  });

  it("an operator's wait is taken as set, 0 (pcscd's readers as listed at once) and 30 s included", () => {
    for (const ms of [0, 400, 30_000]) {
      const config = loadConfig({
        profile: 'test',
        overrides: [AUTO, `devices.cardReader.probeWaitMs=${ms}`],
      });
      expect(config.devices.cardReader).toMatchObject({ driver: 'auto', probeWaitMs: ms });
    }
  });

  it.each([
    ['negative', '-1', '-1'],
    ['past 30 s', '60000', '60000'],
    ['fractional', '1500.5', '1500.5'],
    ['given with its unit', '3s', '"3s"'],
  ])('fault: %s probe wait: refused at its key, boot stopped', (_what, value, got) => {
    const error = configErrorOf(() =>
      loadConfig({ profile: 'test', overrides: [AUTO, `devices.cardReader.probeWaitMs=${value}`] }),
    );
    expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
    expect(error.problems.map((p) => `${p.path}: ${p.reason}`)).toEqual([
      `devices.cardReader.probeWaitMs: expected a whole number of ms, 0 to 30000, got ${got}`,
    ]);
  });

  it('fault: probe wait on the pcsc driver (it has no probe to choose with; its wait is startWaitMs): unknown key', () => {
    const error = configErrorOf(() =>
      loadConfig({ profile: 'test', overrides: [PCSC, 'devices.cardReader.probeWaitMs=1000'] }),
    );
    expect(error.problems.map((p) => p.path)).toEqual(['devices.cardReader.probeWaitMs']);
  });
});
