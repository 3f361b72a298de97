/** `key.path=value` overrides: applied before validation and validated like the file. */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { configErrorOf } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const withOverrides = (...overrides: string[]) => loadConfig({ profile: 'test', overrides });
const problemsOf = (...overrides: string[]) =>
  configErrorOf(() => withOverrides(...overrides)).problems.map((p) => `${p.path}: ${p.reason}`);

describe('configuration overrides', () => {
  it('reads numbers, booleans, lists and text as YAML scalars', () => {
    const config = withOverrides(
      'gateway.port=0',
      'log.pretty=true',
      'kiosk.region.idRegionPrefixes=["4108", "4109"]',
      'journal.path=var/run-7/journal.sqlite',
      'host.mode=external',
      'host.url=http://127.0.0.1:9000/api',
    );
    expect(config.gateway.port).toBe(0);
    expect(config.log.pretty).toBe(true);
    expect(config.journal.path).toBe('var/run-7/journal.sqlite');
    expect(config.host.url).toBe('http://127.0.0.1:9000/api');
    expect(config.kiosk.region.idRegionPrefixes).toEqual(['4108', '4109']);
  });

  it('refuses a region prefix given as a number, asking for quotes', () => {
    expect(problemsOf('kiosk.region.idRegionPrefixes=[4108]')).toEqual([
      'kiosk.region.idRegionPrefixes[0]: expected 2–6 digits of a region code in quotes, e.g. "4108", got 4108',
    ]);
  });

  it('keeps text that would read as a mapping as plain text', () => {
    expect(withOverrides('kiosk.hallId=hall: east wing').kiosk.hallId).toBe('hall: east wing');
  });

  it('sets an item of a list by its index', () => {
    const config = withOverrides('devices.cashDispenser.cassettes.1.count=7');
    const dispenser = config.devices.cashDispenser;
    expect(dispenser.driver === 'emulator' && dispenser.cassettes[1]?.count).toBe(7);
  });

  it('validates an overridden value like a value in the file, without a line number', () => {
    const error = configErrorOf(() => withOverrides('gateway.port=70000'));
    expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
    expect(error.problems).toEqual([
      { path: 'gateway.port', reason: 'expected a port number 0–65535 (0 picks a free port), got 70000' },
    ]);
  });

  it('refuses an override of a misspelt key', () => {
    expect(problemsOf('gateway.prot=0')).toEqual(['gateway.prot: unknown key; did you mean port?']);
  });

  it('refuses an override without =', () => {
    expect(problemsOf('gateway.port')).toEqual([
      'gateway.port: override "gateway.port": expected key.path=value',
    ]);
  });

  it('refuses an override that reaches into the prototype', () => {
    expect(problemsOf('__proto__.polluted=1')).toEqual([
      '__proto__.polluted: override "__proto__.polluted=1": expected a dotted key path of letters, digits, - and _',
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses an override below a plain value', () => {
    expect(problemsOf('gateway.port.number=1')).toEqual([
      'gateway.port.number: override "gateway.port.number=1": gateway.port holds a value, not a mapping',
    ]);
  });

  it('refuses a list index past the end', () => {
    expect(problemsOf('devices.cashDispenser.cassettes.5.count=1')).toEqual([
      'devices.cashDispenser.cassettes.5.count: override "devices.cashDispenser.cassettes.5.count=1": devices.cashDispenser.cassettes is a list; expected an index 0–2',
    ]);
  });

  it('applies overrides in order, the last one winning', () => {
    expect(withOverrides('gateway.port=1', 'gateway.port=2').gateway.port).toBe(2);
  });
});
