/**
 * The fault: `pin.queryTriesLeft`, the switch of the releases before `pin.triesQueryAtrs`, was
 * removed from the schema, and the production profile of those releases wrote it
 * (`queryTriesLeft: true`): a kiosk whose profile was made from it stopped boot after the upgrade
 * on an unknown key. Now the retired key is read and dropped: either value loads, and only the card
 * types listed in `triesQueryAtrs` are asked (true no longer asks every card, which spends a try
 * on a chip in the field: ADR 0006). A value that is not true or false is still refused at its key.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { configErrorOf, TempProfiles } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const files = new TempProfiles();
afterAll(() => files.remove());

const withRetiredSwitch = (value: unknown, atrs?: string[]) =>
  files.writeDemoWith((d) => {
    const pin = d['pin'] as Record<string, unknown>;
    pin['queryTriesLeft'] = value;
    if (atrs === undefined) delete pin['triesQueryAtrs'];
    else pin['triesQueryAtrs'] = atrs;
  });

describe('fault: PIN tries query switch of an older release stops boot', () => {
  it.each([true, false])('queryTriesLeft: %p loads, and asks no card that is not listed', (value) => {
    const pin = loadConfig({ file: withRetiredSwitch(value) }).pin;
    expect(pin.triesQueryAtrs).toEqual([]);
    expect(pin).not.toHaveProperty('queryTriesLeft');
  });

  it('beside a list, the list alone says which cards are asked', () => {
    const pin = loadConfig({ file: withRetiredSwitch(true, ['3B 00']) }).pin;
    expect(pin.triesQueryAtrs).toEqual(['3B00']);
  });

  it('a value that is not true or false is refused at its key, naming the key that replaced it', () => {
    const error = configErrorOf(() => loadConfig({ file: withRetiredSwitch('no') }));
    expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
    expect(error.problems.map((p) => [p.path, p.reason])).toEqual([
      [
        'pin.queryTriesLeft',
        'expected true or false (retired: list the card types in pin.triesQueryAtrs), got "no"',
      ],
    ]);
  });
});
