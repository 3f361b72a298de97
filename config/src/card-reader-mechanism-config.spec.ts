/**
 * The PC/SC card reader's mechanism when its name does not tell (`devices.cardReader.mechanism`):
 * left out, the reader's name decides (vsmartcard's reader or a vpcd port: the emulated motorised
 * mechanism; else a plain reader's presence); set, it is taken as set; a mechanism the kiosk does
 * not have stops boot naming the key, and the emulator (which is its own mechanism) has no such key.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { configErrorOf } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const PCSC = 'devices.cardReader.driver=pcsc';

describe('devices.cardReader.mechanism: the PC/SC reader with or without a motor', () => {
  it("left out: none set, the reader's name decides", () => {
    const config = loadConfig({ profile: 'test', overrides: [PCSC] });
    expect(config.devices.cardReader).not.toHaveProperty('mechanism');
  });

  it.each(['presence', 'emulated'])('%s is taken as set', (mechanism) => {
    const config = loadConfig({
      profile: 'test',
      overrides: [PCSC, `devices.cardReader.mechanism=${mechanism}`],
    });
    expect(config.devices.cardReader).toMatchObject({ driver: 'pcsc', mechanism });
  });

  it('fault: a mechanism the kiosk does not have (motorised) stops boot at its key', () => {
    const error = configErrorOf(() =>
      loadConfig({ profile: 'test', overrides: [PCSC, 'devices.cardReader.mechanism=motorised'] }),
    );
    expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
    expect(error.problems.map((p) => p.path)).toEqual(['devices.cardReader.mechanism']);
  });

  it('fault: a mechanism on the emulated reader (it is its own mechanism): unknown key', () => {
    const error = configErrorOf(() =>
      loadConfig({ profile: 'test', overrides: ['devices.cardReader.mechanism=presence'] }),
    );
    expect(error.problems.map((p) => p.path)).toEqual(['devices.cardReader.mechanism']);
  });
});
