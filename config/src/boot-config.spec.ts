/** What the daemon's main sees: the config, or a short report on stderr and exit code 78. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { bootConfigOrExit, EXIT_CONFIG, redactConfig, type BootIo } from './boot-config.js';
import { TempProfiles } from './config-test-files.js';

const files = new TempProfiles();
afterAll(() => files.remove());

class ExitCalled extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function fakeIo(): BootIo & { written: string[] } {
  const written: string[] = [];
  return {
    written,
    stderr: { write: (text: string) => written.push(text) },
    exit: (code: number): never => {
      throw new ExitCalled(code);
    },
  };
}

describe('bootConfigOrExit', () => {
  it('returns the configuration and writes nothing when the profile is good', () => {
    const io = fakeIo();
    expect(bootConfigOrExit({ profile: 'test' }, io).profile).toBe('test');
    expect(io.written).toEqual([]);
  });

  it('bad configuration: prints the short report and exits with EX_CONFIG (78)', () => {
    const io = fakeIo();
    const file = files.writeDemoWith((d) => {
      d['caps']['singleWithdrawalFen'] = -5;
    });
    expect(() => bootConfigOrExit({ file }, io)).toThrow(new ExitCalled(EXIT_CONFIG));
    expect(EXIT_CONFIG).toBe(78);
    const report = io.written.join('');
    expect(report).toMatch(
      /^Configuration refused: \S+\.yaml\n {2}caps\.singleWithdrawalFen \(line \d+, column 3\): expected a positive integer \(fen\), got -5\n$/,
    );
    expect(report).not.toMatch(/\bat \S+ \(|\.ts:\d+/);
  });

  it('missing file: exits with EX_CONFIG too', () => {
    const io = fakeIo();
    expect(() => bootConfigOrExit({ profile: 'nosuch' }, io)).toThrow(new ExitCalled(78));
    expect(io.written.join('')).toMatch(
      /^Configuration file not found: .*nosuch\.yaml\n {2}\(file\): no such profile/,
    );
  });

  it('lets a fault that is not about configuration through, as the bug it is', () => {
    const io = fakeIo();
    expect(() => bootConfigOrExit(null as unknown as object, io)).toThrow(TypeError);
    expect(io.written).toEqual([]);
  });
});

describe('redactConfig', () => {
  it('replaces the kiosk key and nothing else', () => {
    const config = bootConfigOrExit({ profile: 'demo' }, fakeIo());
    const redacted = redactConfig(config);
    expect(JSON.stringify(redacted)).not.toContain(config.host.kioskKey);
    expect(redacted.host.kioskKey).toBe('[redacted]');
    expect({ ...redacted, host: config.host }).toEqual(config);
  });
});
