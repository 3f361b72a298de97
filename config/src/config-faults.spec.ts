/** Every bad configuration stops boot with the file, the key path and a reason a person can act on. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { formatConfigError } from './config-error.js';
import { configErrorOf, TempProfiles, type ProfileData } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const files = new TempProfiles();
afterAll(() => files.remove());

/** Loads a file that must be refused; returns its problems as `path: reason` lines. */
function refusal(file: string, overrides: string[] = []): { code: string; lines: string[]; report: string } {
  const error = configErrorOf(() => loadConfig({ file, overrides }));
  return {
    code: error.code,
    lines: error.problems.map((p) => `${p.path}: ${p.reason}`),
    report: formatConfigError(error),
  };
}

describe('a configuration that cannot be used', () => {
  it('missing file: names the file and says it does not exist', () => {
    const error = configErrorOf(() => loadConfig({ file: `${files.dir}/nowhere.yaml` }));
    expect(error.code).toBe(ErrorCode.CONFIG_FILE_MISSING);
    expect(error.file).toBe(`${files.dir}/nowhere.yaml`);
    expect(formatConfigError(error)).toContain('no such file');
  });

  it('missing profile: lists the profiles that exist', () => {
    const error = configErrorOf(() => loadConfig({ profile: 'staging' }));
    expect(error.code).toBe(ErrorCode.CONFIG_FILE_MISSING);
    expect(error.problems[0]?.reason).toBe('no such profile; profiles here: demo, production, test');
  });

  it('YAML syntax error: reports the line and column', () => {
    const file = files.writeText('profile: demo\nkiosk:\n  id: JZ-0001\n\thallId: hall-1\n');
    const error = configErrorOf(() => loadConfig({ file }));
    expect(error.code).toBe(ErrorCode.CONFIG_PARSE_FAILED);
    expect(error.problems[0]).toEqual({
      path: '',
      line: 4,
      column: 1,
      reason: 'Tabs are not allowed as indentation',
    });
    expect(formatConfigError(error)).toContain('\n  line 4, column 1: Tabs are not allowed as indentation');
  });

  it('unclosed list: reports where the parser gave up', () => {
    const file = files.writeText('profile: demo\ncaps: [1, 2\npin: 3\n');
    const error = configErrorOf(() => loadConfig({ file }));
    expect(error.code).toBe(ErrorCode.CONFIG_PARSE_FAILED);
    expect(error.problems[0]).toMatchObject({ line: 3, column: 1 });
  });

  it('duplicate key: is a YAML error at the second occurrence', () => {
    const file = files.writeText('profile: demo\nprofile: test\n');
    const error = configErrorOf(() => loadConfig({ file }));
    expect(error.code).toBe(ErrorCode.CONFIG_PARSE_FAILED);
    expect(error.problems[0]).toMatchObject({ line: 2, column: 1 });
  });

  it('empty file: asks for a mapping of keys', () => {
    expect(refusal(files.writeText('')).lines).toEqual([
      ': expected a mapping of keys at the top of the file, got an empty file',
    ]);
  });

  it.each<[string, (d: ProfileData) => void, string[]]>([
    [
      'unknown top-level section: is refused too',
      (d) => (d['telemetri'] = { metrics: true }),
      ['telemetri: unknown key; did you mean telemetry?'],
    ],
    [
      'wrong type: says what was expected and what was found',
      (d) => (d['gateway']['port'] = 'eighty'),
      ['gateway.port: expected a port number 0–65535 (0 picks a free port), got "eighty"'],
    ],
    [
      'missing key: says it is required',
      (d) => {
        delete d['pin']['maxAttempts'];
      },
      ['pin.maxAttempts: missing; expected a number'],
    ],
    [
      'fractional money: fen are whole numbers',
      (d) => (d['caps']['dailyWithdrawalFen'] = 1000.5),
      ['caps.dailyWithdrawalFen: expected a positive integer (fen), got 1000.5'],
    ],
    [
      'single cap above the daily cap: is refused',
      (d) => (d['caps']['singleWithdrawalFen'] = 200000),
      ['caps.singleWithdrawalFen: must not exceed caps.dailyWithdrawalFen (100000), got 200000'],
    ],
    [
      'cap not a multiple of the smallest note: is refused',
      (d) => (d['caps']['singleWithdrawalFen'] = 55000),
      ['caps.singleWithdrawalFen: must be a multiple of caps.smallestNoteFen (10000), got 55000'],
    ],
    [
      'warnMs ≥ stepMs: the warning must come before the step times out',
      (d) => (d['timeouts']['warnMs'] = 30000),
      ['timeouts.warnMs: must be less than timeouts.stepMs (30000), got 30000'],
    ],
    [
      'feePaymentMs no longer than the "need more time?" lead: the fee screen could not ask in time',
      (d) => (d['timeouts']['feePaymentMs'] = 10000),
      ['timeouts.feePaymentMs: must be more than timeouts.stepMs − timeouts.warnMs (10000), got 10000'],
    ],
    [
      'host.timeoutMs not under half of stepMs: a withdrawal step would end before its two host waits',
      (d) => (d['host']['timeoutMs'] = 15000),
      [
        "host.timeoutMs: must be less than half of timeouts.stepMs (30000): a withdrawal's step waits up to twice host.timeoutMs, got 15000",
      ],
    ],
    [
      'non-loopback gateway host: is refused with the reason',
      (d) => (d['gateway']['host'] = '0.0.0.0'),
      [
        'gateway.host: must be a loopback address (127.0.0.0/8 or ::1): the gateway serves only the touch screen on this kiosk, got "0.0.0.0"',
      ],
    ],
    [
      'external host without url: the url is required',
      (d) => (d['host']['mode'] = 'external'),
      ['host.url: required when host.mode is external'],
    ],
    [
      'host url that is not http(s): is refused',
      (d) => {
        d['host']['mode'] = 'external';
        d['host']['url'] = 'ftp://host.invalid/';
      },
      ['host.url: expected an http(s) URL, got "ftp://host.invalid/"'],
    ],
    [
      'unknown driver: lists the drivers of that device kind',
      (d) => (d['devices']['cardReader'] = { driver: 'usb' }),
      ['devices.cardReader.driver: expected driver to be one of emulator, pcsc, auto, got "usb"'],
    ],
    [
      'missing device entry: every device kind must be configured',
      (d) => {
        delete d['devices']['camera'];
      },
      ['devices.camera: missing; expected a mapping of keys'],
    ],
    [
      'emulator option typo: suggests the option meant',
      (d) => (d['devices']['cardPrinter'] = { driver: 'emulator', hoper: 100 }),
      ['devices.cardPrinter.hoper: unknown key; did you mean hopper?'],
    ],
    [
      'receipt paper above capacity: is refused',
      (d) => {
        d['devices']['receiptPrinter'] = {
          driver: 'emulator',
          paper: { count: 600, capacity: 500, lowThreshold: 50 },
        };
      },
      ['devices.receiptPrinter.paper.count: must not exceed capacity (500), got 600'],
    ],
    [
      'serial dispenser with neither a path nor the emulator: names the missing path',
      (d) => ((d['devices']['cashDispenser'] as Record<string, unknown>)['emulatedOnPseudoTerminal'] = false),
      ['devices.cashDispenser.path: expected the serial port path, or emulatedOnPseudoTerminal: true'],
    ],
  ])('%s', (_, change, lines) => {
    expect(refusal(files.writeDemoWith(change)).lines).toEqual(lines);
  });

  it('unknown key (typo): names the key and suggests the one meant', () => {
    const file = files.writeDemoWith((d) => {
      d['caps']['singleWithdrawlFen'] = 50000;
    });
    const { code, lines } = refusal(file);
    expect(code).toBe(ErrorCode.CONFIG_INVALID);
    expect(lines).toEqual(['caps.singleWithdrawlFen: unknown key; did you mean singleWithdrawalFen?']);
  });

  it('negative cap: expected a positive integer, got -5', () => {
    const file = files.writeDemoWith((d) => {
      d['caps']['singleWithdrawalFen'] = -5;
    });
    const { lines, report } = refusal(file);
    expect(lines).toEqual(['caps.singleWithdrawalFen: expected a positive integer (fen), got -5']);
    expect(report).toMatch(/^ {2}caps\.singleWithdrawalFen \(line \d+, column 3\): expected a positive/m);
  });

  it('short kiosk key: is refused without echoing the key', () => {
    const file = files.writeDemoWith((d) => {
      d['host']['kioskKey'] = 'hunter2';
    });
    const { lines, report } = refusal(file);
    expect(lines).toEqual(['host.kioskKey: expected a key of at least 16 characters, got 7 characters']);
    expect(report).not.toContain('hunter2');
  });

  it('bad cassette: points at the list item', () => {
    const file = files.writeDemoWith((d) => {
      d['devices']['cashDispenser'] = {
        driver: 'emulator',
        cassettes: [
          { denominationFen: 10000, count: 200 },
          { denominationFen: 5000, count: -1 },
        ],
      };
    });
    const { lines, report } = refusal(file);
    expect(lines).toEqual([
      'devices.cashDispenser.cassettes[1].count: expected a whole number, 0 or more, got -1',
    ]);
    expect(report).toMatch(/cassettes\[1\]\.count \(line \d+, column \d+\)/);
  });

  it('emulator in production: each emulated device is refused', () => {
    const file = files.writeDemoWith((d) => {
      d['profile'] = 'production';
      d['demo']['panel'] = false;
      d['host'] = { ...d['host'], mode: 'external', url: 'https://host.invalid/' };
    });
    const { lines } = refusal(file);
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe(
      'devices.cardReader.driver: emulators are refused in the production profile; configure the real driver, got "emulator"',
    );
    expect(lines).toContain(
      'devices.cashDispenser.emulatedOnPseudoTerminal: emulators are refused in the production profile; give the serial port path',
    );
  });

  it('serial PIN pad emulated on a pseudo terminal in production: is refused, naming the path to give', () => {
    const file = files.writeDemoWith((d) => {
      d['profile'] = 'production';
      d['demo']['panel'] = false;
      d['host'] = { ...d['host'], mode: 'external', url: 'https://host.invalid/' };
      d['devices']['pinPad'] = { driver: 'serial', emulatedOnPseudoTerminal: true };
    });
    const { lines } = refusal(file);
    expect(lines).toContain(
      'devices.pinPad.emulatedOnPseudoTerminal: emulators are refused in the production profile; give the serial port path',
    );
    expect(lines.filter((line) => line.startsWith('devices.pinPad'))).toHaveLength(1);
  });

  it('misspelt serial emulator option: is refused with the key path', () => {
    const file = files.writeDemoWith((d) => {
      d['devices']['idReader'] = { driver: 'ga467-serial', emulatedOnPseudoTerminl: true };
    });
    const { lines, report } = refusal(file);
    expect(lines[0]).toMatch(/^devices\.idReader\.emulatedOnPseudoTerminl: unknown key/);
    expect(report).toContain(file);
  });

  it('embedded host simulator in production: is refused', () => {
    const file = files.writeDemoWith((d) => {
      d['profile'] = 'production';
    });
    expect(refusal(file).lines).toContain(
      'host.mode: the embedded host simulator is refused in the production profile; use external with a url, got "embedded"',
    );
  });

  it('demo panel in production: is refused', () => {
    const file = files.writeDemoWith((d) => {
      d['profile'] = 'production';
    });
    expect(refusal(file).lines).toContain('demo.panel: the demo panel is refused in the production profile');
  });

  it('several faults: all are reported at once, one line each', () => {
    const file = files.writeDemoWith((d) => {
      d['caps']['withdrawalsPerDay'] = 0;
      d['log']['level'] = 'verbose';
    });
    const { report } = refusal(file);
    expect(report.split('\n')).toEqual([
      expect.stringMatching(/^Configuration refused: .*case-\d+\.yaml$/),
      expect.stringMatching(
        /^ {2}caps\.withdrawalsPerDay \(line \d+, column 3\): expected a positive integer, got 0$/,
      ),
      expect.stringMatching(
        /^ {2}log\.level \(line \d+, column 3\): expected one of fatal, .*trace, got "verbose"$/,
      ),
    ]);
  });
});
