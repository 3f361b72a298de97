/** The fleet section: off unless set, a broker URL and a password (inline or from its own file). */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@kiosk/domain';
import { redactConfig } from './boot-config.js';
import { configErrorOf } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-fleet-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withOverrides = (...overrides: string[]) => loadConfig({ profile: 'test', overrides });
function problemsOf(...overrides: string[]): { code: string; lines: string[] } {
  const error = configErrorOf(() => withOverrides(...overrides));
  return { code: error.code, lines: error.problems.map((p) => `${p.path}: ${p.reason}`) };
}

describe('fleet configuration', () => {
  it.each(['demo', 'test'])('is off in the shipped %s profile', (profile) => {
    expect(loadConfig({ profile }).fleet).toBeUndefined();
  });

  it('takes a broker url and a password, with defaults for heartbeat and queue', () => {
    const { fleet } = withOverrides(
      'fleet.mqtt.url=mqtt://127.0.0.1:1883',
      'fleet.mqtt.password=kiosk-secret-9001',
    );
    expect(fleet).toEqual({
      mqtt: { url: 'mqtt://127.0.0.1:1883', password: 'kiosk-secret-9001' },
      heartbeatIntervalS: 10,
      queueLimit: 1000,
      staffAlertLimit: 500,
    });
  });

  it('reads the password from its own file and never shows it in a redacted copy', () => {
    const file = join(dir, 'fleet.password');
    writeFileSync(file, 'from-its-own-file-9001\n');
    const config = withOverrides(
      'fleet.mqtt.url=mqtts://fleet.example:8883',
      `fleet.mqtt.passwordFile=${file}`,
    );
    expect(config.fleet?.mqtt.password).toBe('from-its-own-file-9001');
    expect(JSON.stringify(redactConfig(config))).not.toContain('from-its-own-file-9001');
  });

  it('missing password file: refuses boot naming the key', () => {
    const { code, lines } = problemsOf(
      'fleet.mqtt.url=mqtt://127.0.0.1:1883',
      `fleet.mqtt.passwordFile=${join(dir, 'absent.password')}`,
    );
    expect(code).toBe(ErrorCode.CONFIG_INVALID);
    expect(lines).toEqual(['fleet.mqtt.passwordFile: cannot read the password file (no such file)']);
  });

  it('password and password file both given: refuses boot', () => {
    const { lines } = problemsOf(
      'fleet.mqtt.url=mqtt://127.0.0.1:1883',
      'fleet.mqtt.password=kiosk-secret-9001',
      `fleet.mqtt.passwordFile=${join(dir, 'fleet.password')}`,
    );
    expect(lines).toEqual([
      'fleet.mqtt.passwordFile: give fleet.mqtt.password or fleet.mqtt.passwordFile, not both',
    ]);
  });

  it('broker url of another scheme: refuses boot', () => {
    const { lines } = problemsOf(
      'fleet.mqtt.url=http://127.0.0.1:1883',
      'fleet.mqtt.password=kiosk-secret-9001',
    );
    expect(lines[0]).toMatch(/^fleet\.mqtt\.url: expected an mqtt:\/\/ or mqtts:\/\/ URL/);
  });

  it('fleet without a password: refuses boot', () => {
    const { lines } = problemsOf('fleet.mqtt.url=mqtt://127.0.0.1:1883');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^fleet\.mqtt\.password: /);
  });

  it('heartbeat of zero seconds: refuses boot', () => {
    const { lines } = problemsOf(
      'fleet.mqtt.url=mqtt://127.0.0.1:1883',
      'fleet.mqtt.password=kiosk-secret-9001',
      'fleet.heartbeatIntervalS=0',
    );
    expect(lines[0]).toMatch(/^fleet\.heartbeatIntervalS: expected whole seconds 1–3600/);
  });

  it.each(['0', '2.5', '100001'])('staff alert limit %s: refuses boot naming the key', (limit) => {
    const { code, lines } = problemsOf(
      'fleet.mqtt.url=mqtt://127.0.0.1:1883',
      'fleet.mqtt.password=kiosk-secret-9001',
      `fleet.staffAlertLimit=${limit}`,
    );
    expect(code).toBe(ErrorCode.CONFIG_INVALID);
    expect(lines).toEqual([`fleet.staffAlertLimit: expected 1–100000 alerts, got ${limit}`]);
  });
});
