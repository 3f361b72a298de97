/**
 * The card types the card read asks their PIN tries left (`pin.triesQueryAtrs`): a chip in the
 * field takes the query (VERIFY without a PIN) for a wrong PIN, and no answer tells it apart, so
 * only the types listed by ATR are asked. The virtual card's chip is listed in the demo and test
 * profiles, none in production nor in a profile that leaves the key out; a value that is no ATR
 * stops boot naming its key and why.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { configErrorOf, TempProfiles } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const files = new TempProfiles();
afterAll(() => files.remove());

const VIRTUAL_CARD_ATR = '3B8A80015353434152442D4A5A3311';

const withAtrs = (atrs: unknown) =>
  files.writeDemoWith((d) => {
    (d['pin'] as Record<string, unknown>)['triesQueryAtrs'] = atrs;
  });

describe('the card types asked their PIN tries left', () => {
  it('the demo and test profiles list the virtual card’s chip, in capitals without spaces', () => {
    for (const profile of ['demo', 'test']) {
      expect(loadConfig({ profile }).pin.triesQueryAtrs).toEqual([VIRTUAL_CARD_ATR]);
    }
  });

  it('a profile that leaves the key out asks no card', () => {
    const file = files.writeDemoWith((d) => {
      delete (d['pin'] as Record<string, unknown>)['triesQueryAtrs'];
    });
    expect(loadConfig({ file }).pin.triesQueryAtrs).toEqual([]);
  });

  it('takes an ATR as pcsc_scan shows it, bytes apart, together or with colons, in either case', () => {
    const file = withAtrs(['3b 8a 80 01 53 53 43 41 52 44 2d 4a 5a 33 11', '3F:00', ' 3B0000 ']);
    expect(loadConfig({ file }).pin.triesQueryAtrs).toEqual([VIRTUAL_CARD_ATR, '3F00', '3B0000']);
  });

  it.each([
    ['not hex', 'SSCARD-JZ3'],
    ['an odd count of digits', '3B8A8'],
    ['one byte only', '3B'],
    ['not from 3B or 3F (TS)', '8A800153'],
    ['past 33 bytes', `3B${'00'.repeat(33)}`],
    ['a number, not a text', 3],
  ])('fault: an ATR given as %s stops boot naming its key', (_what, value) => {
    const error = configErrorOf(() => loadConfig({ file: withAtrs([VIRTUAL_CARD_ATR, value]) }));
    expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
    expect(error.problems.map((p) => p.path)).toEqual(['pin.triesQueryAtrs[1]']);
    expect(error.problems[0]!.reason).toMatch(/^expected the ATR of a card type in hex/);
  });
});
