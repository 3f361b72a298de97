/**
 * The reopen's waits per profile (`devices.reopen`, ADR 0020): the domain's 5 s doubling to 60 s
 * when left out, a field engineer's first interval and cap taken as set, and every value the
 * backoff cannot run on stops boot with the file, the key path and the reason.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_DEVICE_REOPEN_MAX_MS, DEFAULT_DEVICE_REOPEN_MS, ErrorCode } from '@kiosk/domain';
import { formatConfigError } from './config-error.js';
import { configErrorOf, TempProfiles, type ProfileData } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const files = new TempProfiles();
afterAll(() => files.remove());

/** The demo profile with its `devices.reopen` replaced by `reopen`, loaded: its refusal. */
function refusalOf(reopen: Record<string, unknown>): { code: string; lines: string[]; report: string } {
  const file = files.writeDemoWith((d: ProfileData) => {
    d['devices']['reopen'] = reopen;
  });
  const error = configErrorOf(() => loadConfig({ file }));
  return {
    code: error.code,
    lines: error.problems.map((p) => `${p.path}: ${p.reason}`),
    report: formatConfigError(error),
  };
}

describe('devices.reopen: when the daemon opens again a device that reads offline', () => {
  it("left out (the test profile): the domain's first interval and cap", () => {
    const config = loadConfig({ profile: 'test' });
    expect(config.devices.reopen).toEqual({
      firstIntervalMs: DEFAULT_DEVICE_REOPEN_MS,
      maxIntervalMs: DEFAULT_DEVICE_REOPEN_MAX_MS,
    });
  });

  it('the shipped demo profile says the same waits', () => {
    expect(loadConfig({ profile: 'demo' }).devices.reopen).toEqual({
      firstIntervalMs: 5_000,
      maxIntervalMs: 60_000,
    });
  });

  it("a field engineer's first interval and cap are taken as set, either alone", () => {
    const both = loadConfig({
      profile: 'test',
      overrides: ['devices.reopen.firstIntervalMs=2000', 'devices.reopen.maxIntervalMs=30000'],
    });
    expect(both.devices.reopen).toEqual({ firstIntervalMs: 2_000, maxIntervalMs: 30_000 });
    const cap = loadConfig({ profile: 'test', overrides: ['devices.reopen.maxIntervalMs=600000'] });
    expect(cap.devices.reopen).toEqual({ firstIntervalMs: 5_000, maxIntervalMs: 600_000 });
  });

  it('a first interval equal to the cap: every open that far apart, accepted', () => {
    const config = loadConfig({
      profile: 'test',
      overrides: ['devices.reopen.firstIntervalMs=10000', 'devices.reopen.maxIntervalMs=10000'],
    });
    expect(config.devices.reopen).toEqual({ firstIntervalMs: 10_000, maxIntervalMs: 10_000 });
  });
});

describe('devices.reopen values the backoff cannot run on stop boot', () => {
  it('fault: reopen cap below the first interval: refused at the cap, naming the first interval', () => {
    const { code, lines, report } = refusalOf({ firstIntervalMs: 10_000, maxIntervalMs: 5_000 });
    expect(code).toBe(ErrorCode.CONFIG_INVALID);
    expect(lines).toEqual([
      "devices.reopen.maxIntervalMs: must be at least devices.reopen.firstIntervalMs (10000): the backoff's bound cannot come before its first wait, got 5000",
    ]);
    expect(report).toMatch(/^Configuration refused: .*case-\d+\.yaml$/m);
    expect(report).toMatch(/^ {2}devices\.reopen\.maxIntervalMs \(line \d+, column \d+\): must be at least/m);
  });

  it('fault: reopen first interval raised past the default cap alone: refused, the cap to raise named', () => {
    const { lines } = refusalOf({ firstIntervalMs: 120_000 });
    expect(lines).toEqual([
      "devices.reopen.maxIntervalMs: must be at least devices.reopen.firstIntervalMs (120000): the backoff's bound cannot come before its first wait, got 60000",
    ]);
  });

  it('fault: reopen first interval of 0 ms: refused (the device would be opened without a pause)', () => {
    expect(refusalOf({ firstIntervalMs: 0, maxIntervalMs: 60_000 }).lines).toEqual([
      'devices.reopen.firstIntervalMs: expected a positive integer (ms), got 0',
    ]);
  });

  it('fault: negative reopen cap: refused', () => {
    expect(refusalOf({ firstIntervalMs: 5_000, maxIntervalMs: -60_000 }).lines).toEqual([
      'devices.reopen.maxIntervalMs: expected a positive integer (ms), got -60000',
    ]);
  });

  it('fault: fractional reopen interval: refused', () => {
    expect(refusalOf({ firstIntervalMs: 2_500.5 }).lines).toEqual([
      'devices.reopen.firstIntervalMs: expected a positive integer (ms), got 2500.5',
    ]);
  });

  it('fault: reopen interval given with its unit ("5s"): refused, ms expected', () => {
    expect(refusalOf({ firstIntervalMs: '5s' }).lines).toEqual([
      'devices.reopen.firstIntervalMs: expected a positive integer (ms), got "5s"',
    ]);
  });

  it("fault: reopen cap above an hour (past a timer's range it would fire at once): refused", () => {
    expect(refusalOf({ firstIntervalMs: 5_000, maxIntervalMs: 3_000_000_000 }).lines).toEqual([
      'devices.reopen.maxIntervalMs: expected at most 3600000 ms (an hour): a device plugged back in would wait longer, got 3000000000',
    ]);
  });

  it('fault: misspelt reopen key: refused, the key meant suggested', () => {
    expect(refusalOf({ firstIntervalMS: 5_000 }).lines).toEqual([
      'devices.reopen.firstIntervalMS: unknown key; did you mean firstIntervalMs?',
    ]);
  });

  it('fault: reopen interval set on the command line to 0: refused like one in the file', () => {
    const error = configErrorOf(() =>
      loadConfig({ profile: 'test', overrides: ['devices.reopen.firstIntervalMs=0'] }),
    );
    expect(error.problems.map((p) => `${p.path}: ${p.reason}`)).toEqual([
      'devices.reopen.firstIntervalMs: expected a positive integer (ms), got 0',
    ]);
  });
});
