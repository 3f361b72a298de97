/**
 * Fault: a holder's name the card face takes (up to 20 characters) but the chip's name record
 * cannot hold as the kiosk writes it (30 bytes of UTF-8: more than ten Chinese characters, as many
 * names of the minorities are) was written all the same: the chip's read-back refused it
 * (CARD_DATA_CORRUPT) after the blank was fed and encoded, a blank spoiled at every attempt and no
 * card for the resident. Such card data is now refused before any blank is fed
 * (CARD_MAKING_FAILED, the field named, never the name). Card making as the daemon provides it on a
 * real terminal (Evolis emulator, its chip station on a scripted pcscd, the real journal).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  encodeCardRecords,
  holderFieldChipCannotHold,
  parseCardRecords,
  type CardRecordFields,
} from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, ErrorCode } from '@kiosk/domain';
import { realTerminalIssuance } from './issue-card-on-real-terminal.spec-support.js';

let w: Awaited<ReturnType<typeof realTerminalIssuance>> | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

/** eleven Chinese characters: the face takes them, the chip's 30 bytes do not */
const LONG_NAME = '阿卜杜热合曼买买提明艾';

/** What a chip written with `name` reads back as (the records the kiosk writes, read as the reader reads them). */
function readBackWith(name: string): CardRecordFields {
  const zhang = DEMO_RESIDENTS[0]!;
  const records = encodeCardRecords({
    cardIdentifier: '00112233445566778899AABBCCDDEEFF',
    cardType: '1',
    version: '3.00',
    issuingOrganisation: '410800000001',
    issueDate: '2026-11-27',
    expiryDate: '2036-11-27',
    cardNumber: zhang.cardNumber,
    idNumber: zhang.idNumber,
    name,
    sex: zhang.sex,
    ethnicity: '01',
    birthPlace: zhang.idNumber.slice(0, 6),
    birthDate: zhang.birthDate,
  });
  const file = (from: number, to: number) =>
    Buffer.concat([...records].filter(([n]) => n >= from && n <= to).map(([, bytes]) => bytes));
  return parseCardRecords(file(1, 7), file(8, 13));
}

describe('holder name the chip cannot hold', () => {
  it('the chip reads back a name the check lets through, and refuses one it does not', () => {
    const fits = LONG_NAME.slice(0, 10);
    expect(holderFieldChipCannotHold({ name: fits })).toBeUndefined();
    expect(readBackWith(fits).name).toBe(fits);
    expect(holderFieldChipCannotHold({ name: LONG_NAME })).toBe('name');
    expect(() => readBackWith(LONG_NAME)).toThrow(
      expect.objectContaining({ code: ErrorCode.CARD_DATA_CORRUPT }),
    );
  });

  it('is refused before any blank is fed, naming the field, never the name', async () => {
    w = await realTerminalIssuance();
    w.order.holder.name = LONG_NAME;
    let fed = 0;
    w.at.blankFed = () => (fed += 1);
    const blanks = w.blanks();
    const output = await w.replace('account');
    expect(fed).toBe(0);
    expect(w.blanks()).toBe(blanks);
    expect(w.rejectReasons).toEqual([]);
    expect(JSON.stringify(output)).toContain(ErrorCode.CARD_MAKING_FAILED);
    const steps = await w.steps();
    expect(steps.map((s) => s.step)).not.toContain('card.feed:intent');
    expect(JSON.stringify(steps)).not.toContain(LONG_NAME);
  });
});
