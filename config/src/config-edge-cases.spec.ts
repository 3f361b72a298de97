/**
 * Edge cases of real profile files: how YAML reads what people type, empty and mistyped
 * sections, secrets in reports, and files written by other editors.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_CARD_MOVE_TIMEOUT_MS,
  DEFAULT_CARD_POSITION_WAIT_MS,
  DEFAULT_PCSC_READER_WAIT_MS,
  ErrorCode,
} from '@kiosk/domain';
import { formatConfigError } from './config-error.js';
import { configErrorOf, TempProfiles } from './config-test-files.js';
import { DEFAULT_PROFILES_DIR, loadConfig } from './load-config.js';

const files = new TempProfiles();
afterAll(() => files.remove());
const demoText = readFileSync(join(DEFAULT_PROFILES_DIR, 'demo.yaml'), 'utf8');

/** The demo profile's text with one exact piece replaced (fails loudly when the piece is absent). */
function demoTextWith(from: string, to: string): string {
  expect(demoText).toContain(from);
  return demoText.replace(from, to);
}

const problemsOf = (file: string, overrides: string[] = []) =>
  configErrorOf(() => loadConfig({ file, overrides })).problems.map((p) => `${p.path}: ${p.reason}`);

describe('files as editors write them', () => {
  it('loads a file that starts with a byte-order mark', () => {
    expect(loadConfig({ file: files.writeText(`\uFEFF${demoText}`) }).kiosk.id).toBe('JZ-0001');
  });

  it('loads a file with Windows line endings', () => {
    expect(loadConfig({ file: files.writeText(demoText.replaceAll('\n', '\r\n')) }).kiosk.id).toBe('JZ-0001');
  });

  it('loads a file that shares a device entry through an anchor and alias', () => {
    const text = demoTextWith(
      '  cardReader: { driver: emulator }',
      '  cardReader: &emulated { driver: emulator }',
    ).replace('  pinPad: { driver: serial, emulatedOnPseudoTerminal: true }', '  pinPad: *emulated');
    const config = loadConfig({ file: files.writeText(text) });
    expect(config.devices.pinPad).toEqual({ driver: 'emulator' });
    expect(Object.isFrozen(config.devices.pinPad)).toBe(true);
  });

  it('reads a hexadecimal port as the number it is', () => {
    const file = files.writeText(demoTextWith('port: 8080', 'port: 0x1F90'));
    expect(loadConfig({ file }).gateway.port).toBe(8080);
  });

  it('several YAML documents in one file: is refused, naming the separator', () => {
    const error = configErrorOf(() =>
      loadConfig({ file: files.writeText(`${demoText}---\nprofile: test\n`) }),
    );
    expect(error.code).toBe(ErrorCode.CONFIG_PARSE_FAILED);
    expect(error.problems[0]?.reason).toBe(
      'more than one YAML document (---); a profile is a single document',
    );
  });

  it('duplicate key in a nested mapping: reports its line', () => {
    const file = files.writeText(demoTextWith('  maxAttempts: 3\n', '  maxAttempts: 3\n  length: 6\n'));
    const error = configErrorOf(() => loadConfig({ file }));
    expect(error.code).toBe(ErrorCode.CONFIG_PARSE_FAILED);
    const line = demoText.split('\n').indexOf('  maxAttempts: 3') + 2;
    expect(error.problems[0]).toMatchObject({
      line,
      column: 3,
      reason: 'duplicate key: each key may appear once in a mapping',
    });
  });

  it('only a comment: is an empty file', () => {
    expect(problemsOf(files.writeText('# nothing configured yet\n'))).toEqual([
      ': expected a mapping of keys at the top of the file, got an empty file',
    ]);
  });

  it('a single value: is not a profile', () => {
    expect(problemsOf(files.writeText('demo\n'))).toEqual([
      ': expected a mapping of keys at the top of the file, got a single value',
    ]);
  });
});

describe('values as YAML reads them', () => {
  it('empty section: says the key is empty', () => {
    const file = files.writeText(demoTextWith('telemetry:\n  metrics: true\n', 'telemetry:\n'));
    expect(problemsOf(file)).toEqual(['telemetry: empty; expected a mapping of keys']);
  });

  it('section given as a value: asks for a mapping', () => {
    const file = files.writeDemoWith((d) => {
      (d as Record<string, unknown>)['caps'] = 50000;
    });
    expect(problemsOf(file)).toEqual(['caps: expected a mapping of keys, got 50000']);
  });

  it('list given as a single value: asks for a list', () => {
    const file = files.writeDemoWith((d) => {
      (d['kiosk']['region'] as Record<string, unknown>)['idRegionPrefixes'] = '4108';
    });
    expect(problemsOf(file)).toEqual(['kiosk.region.idRegionPrefixes: expected a list, got "4108"']);
  });

  it('yes for a boolean (YAML 1.1 habit): is text in YAML 1.2, and refused', () => {
    const file = files.writeText(demoTextWith('pretty: true', 'pretty: yes'));
    expect(problemsOf(file)).toEqual(['log.pretty: expected true or false, got "yes"']);
  });

  it('quoted number: is text, and refused', () => {
    const file = files.writeText(demoTextWith('port: 8080', "port: '8080'"));
    expect(problemsOf(file)).toEqual([
      'gateway.port: expected a port number 0–65535 (0 picks a free port), got "8080"',
    ]);
  });

  it('infinite timeout (.inf): is not a whole number of ms', () => {
    const file = files.writeText(demoTextWith('stepMs: 30000', 'stepMs: .inf'));
    expect(problemsOf(file)).toEqual(['timeouts.stepMs: expected a positive integer (ms), got Infinity']);
  });

  it('money beyond safe integers: is refused', () => {
    const file = files.writeText(demoTextWith('dailyWithdrawalFen: 100000', 'dailyWithdrawalFen: 1e20'));
    expect(problemsOf(file)).toEqual([
      'caps.dailyWithdrawalFen: expected a positive integer (fen), got 100000000000000000000',
    ]);
  });

  it('negative port: is refused with the port range', () => {
    const file = files.writeText(demoTextWith('port: 8080', 'port: -1'));
    expect(problemsOf(file)).toEqual([
      'gateway.port: expected a port number 0–65535 (0 picks a free port), got -1',
    ]);
  });

  it('lower-case kiosk id: is refused with the expected form', () => {
    const file = files.writeText(demoTextWith('id: JZ-0001', 'id: jz-0001'));
    expect(problemsOf(file)).toEqual([
      'kiosk.id: expected a kiosk id like JZ-0001 (2–4 capital letters, a dash, 4–6 digits), got "jz-0001"',
    ]);
  });

  it('long text in a report: is cut short', () => {
    const file = files.writeDemoWith((d) => {
      d['log']['level'] = 'x'.repeat(200);
    });
    const [line] = problemsOf(file);
    expect(line).toContain(`got "${'x'.repeat(40)}…"`);
    expect(line).not.toContain('x'.repeat(41));
  });

  it('unknown key far from any known one: lists the keys that are allowed there', () => {
    const file = files.writeDemoWith((d) => {
      d['pin']['colour'] = 'blue';
    });
    expect(problemsOf(file)).toEqual([
      'pin.colour: unknown key; known keys here: length, maxAttempts, triesQueryAtrs, queryTriesLeft',
    ]);
  });

  it('misspelt key in another case: suggests the right spelling', () => {
    const file = files.writeDemoWith((d) => {
      d['timeouts']['STEPMS'] = 30000;
      delete d['timeouts']['stepMs'];
    });
    expect(problemsOf(file)).toEqual([
      'timeouts.stepMs: missing; expected a positive integer (ms)',
      'timeouts.STEPMS: unknown key; did you mean stepMs?',
    ]);
  });

  it('a device kind the kiosk does not have: is an unknown key', () => {
    const file = files.writeDemoWith((d) => {
      d['devices']['barcodeReeder'] = { driver: 'emulator' };
    });
    expect(problemsOf(file)[0]).toMatch(
      /^devices\.barcodeReeder: unknown key; known keys here: cardReader, /,
    );
  });
});

describe('secrets in reports', () => {
  it('kiosk key of the wrong type: the report gives its kind, never its value', () => {
    const file = files.writeText(
      demoTextWith('kioskKey: demo-kiosk-key-JZ-0001-not-secret', 'kioskKey: 98765432109876543210'),
    );
    const error = configErrorOf(() => loadConfig({ file }));
    expect(error.problems.map((p) => `${p.path}: ${p.reason}`)).toEqual([
      'host.kioskKey: expected a text, got a number',
    ]);
    expect(formatConfigError(error)).not.toMatch(/9876/);
    expect(JSON.stringify(error)).not.toMatch(/9876/);
  });

  it('short kiosk key given as an override: the message does not echo it', () => {
    const error = configErrorOf(() =>
      loadConfig({ profile: 'test', overrides: ['host.kioskKey=tiny-secret'] }),
    );
    expect(error.problems[0]?.reason).toBe('expected a key of at least 16 characters, got 11 characters');
    expect(error.message).not.toContain('tiny-secret');
    expect(formatConfigError(error)).not.toContain('tiny-secret');
  });

  it('key file holding only blanks: is a key too short, not an empty secret', () => {
    const keyFile = join(files.dir, 'blank.key');
    writeFileSync(keyFile, '  \n');
    const file = files.writeDemoWith((d) => {
      delete d['host']['kioskKey'];
      d['host']['kioskKeyFile'] = keyFile;
    });
    expect(problemsOf(file)).toEqual([
      'host.kioskKey: expected a key of at least 16 characters, got 0 characters',
    ]);
  });

  it('key file path that is empty: is refused', () => {
    const file = files.writeDemoWith((d) => {
      delete d['host']['kioskKey'];
      d['host']['kioskKeyFile'] = '';
    });
    expect(problemsOf(file)).toEqual(['host.kioskKeyFile: expected the path of a key file']);
  });
});

describe('profile rules', () => {
  it('production may use the auto card reader', () => {
    const keyFile = join(files.dir, 'auto.key');
    writeFileSync(keyFile, 'a-key-of-enough-length');
    const config = loadConfig({
      profile: 'production',
      overrides: [`host.kioskKeyFile=${keyFile}`, 'devices.cardReader.driver=auto'],
    });
    expect(config.devices.cardReader).toEqual({
      driver: 'auto',
      moveTimeoutMs: DEFAULT_CARD_MOVE_TIMEOUT_MS,
      probeWaitMs: DEFAULT_PCSC_READER_WAIT_MS,
      positionWaitMs: DEFAULT_CARD_POSITION_WAIT_MS,
    });
  });

  it('production with one emulator: only that device is refused', () => {
    const keyFile = join(files.dir, 'one.key');
    writeFileSync(keyFile, 'a-key-of-enough-length');
    const error = configErrorOf(() =>
      loadConfig({
        profile: 'production',
        overrides: [`host.kioskKeyFile=${keyFile}`, 'devices.pinPad={driver: emulator}'],
      }),
    );
    expect(error.problems.map((p) => p.path)).toEqual(['devices.pinPad']);
  });

  it('profile switched by an override: no longer matches the profile asked for', () => {
    const error = configErrorOf(() => loadConfig({ profile: 'demo', overrides: ['profile=test'] }));
    expect(error.problems[0]?.reason).toBe('the file says test but profile demo was asked for');
  });

  it('demo panel in the test profile: is allowed (tests drive the emulators through it)', () => {
    expect(loadConfig({ profile: 'test', overrides: ['demo.panel=true'] }).demo.panel).toBe(true);
  });

  it('IPv6 loopback gateway: is accepted', () => {
    expect(loadConfig({ profile: 'test', overrides: ['gateway.host=::1'] }).gateway.host).toBe('::1');
  });

  it('gateway on localhost by name: is refused (the name may resolve off the machine)', () => {
    const error = configErrorOf(() => loadConfig({ profile: 'test', overrides: ['gateway.host=localhost'] }));
    expect(error.problems[0]?.path).toBe('gateway.host');
  });

  it('override value holding an = sign: keeps everything after the first =', () => {
    const config = loadConfig({ profile: 'test', overrides: ['host.kioskKey=abc=def=ghi=jkl=mno=pq'] });
    expect(config.host.kioskKey).toBe('abc=def=ghi=jkl=mno=pq');
  });
});
