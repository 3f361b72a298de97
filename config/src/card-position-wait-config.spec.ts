/**
 * Boot recovery's wait for a card reader that has not said whether a cut-short session's card is
 * inside (`devices.cardReader.positionWaitMs`, ADR 0002: a reader without a motor listed late after
 * a restart). The domain's 10 s when left out, on both PC/SC drivers; an operator's value taken as
 * set (0: not at all); a value that is no wait stops boot naming the key; the emulator, whose
 * mechanism always knows, has no such key.
 */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CARD_POSITION_WAIT_MS, ErrorCode } from '@kiosk/domain';
import { configErrorOf } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const driverIs = (driver: string) => `devices.cardReader.driver=${driver}`;

describe("devices.cardReader.positionWaitMs: boot recovery's wait for the reader to say where the card is", () => {
  it.each(['pcsc', 'auto'])("left out on %s: the domain's 10 s", (driver) => {
    const config = loadConfig({ profile: 'test', overrides: [driverIs(driver)] });
    expect(config.devices.cardReader).toMatchObject({
      driver,
      positionWaitMs: DEFAULT_CARD_POSITION_WAIT_MS,
    });
  });

  it("an operator's wait is taken as set, 0 (not at all) and 30 s included", () => {
    for (const ms of [0, 2_500, 30_000]) {
      const overrides = [driverIs('pcsc'), `devices.cardReader.positionWaitMs=${ms}`];
      const config = loadConfig({ profile: 'test', overrides });
      expect(config.devices.cardReader).toMatchObject({ positionWaitMs: ms });
    }
  });

  it.each([
    ['-1', '-1'],
    ['60000', '60000'],
    ['10s', '"10s"'],
  ])('fault: a position wait of %s stops boot at its key', (value, got) => {
    const error = configErrorOf(() =>
      loadConfig({
        profile: 'test',
        overrides: [driverIs('auto'), `devices.cardReader.positionWaitMs=${value}`],
      }),
    );
    expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
    expect(error.problems.map((p) => `${p.path}: ${p.reason}`)).toEqual([
      `devices.cardReader.positionWaitMs: expected a whole number of ms, 0 to 30000, got ${got}`,
    ]);
  });

  it('fault: a position wait on the emulator (its mechanism always knows): unknown key', () => {
    const error = configErrorOf(() =>
      loadConfig({
        profile: 'test',
        overrides: [driverIs('emulator'), 'devices.cardReader.positionWaitMs=1000'],
      }),
    );
    expect(error.problems.map((p) => p.path)).toEqual(['devices.cardReader.positionWaitMs']);
  });
});
