/**
 * Fault: holder data the card face takes but the chip does not read back as the kiosk writes it
 * was written all the same: a name of more than ten Chinese characters (the face takes twenty, the
 * chip's name record 30 bytes of UTF-8, as many names of the minorities are), an ID number whose
 * check character is wrong, a birth date other than the one the ID number carries. The chip's
 * read-back refused it (CARD_DATA_CORRUPT) after the blank was fed and encoded, a blank spoiled at
 * every attempt and no card for the resident. Such card data is now refused before any blank is
 * fed (CARD_MAKING_FAILED, the field named, never its value). Card making as the daemon provides it
 * on a real terminal (Evolis emulator, its chip station on a scripted pcscd, the real journal).
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

const zhang = DEMO_RESIDENTS[0]!;
const holder = { name: zhang.name, idNumber: zhang.idNumber, birthDate: zhang.birthDate };
/** the ID number with another check character */
const badCheck = `${zhang.idNumber.slice(0, 17)}${zhang.idNumber.endsWith('0') ? '1' : '0'}`;
const cases = [
  ['a name of eleven Chinese characters', 'name', { ...holder, name: '阿卜杜热合曼买买提明艾' }],
  ['an ID number with a wrong check character', 'idNumber', { ...holder, idNumber: badCheck }],
  ['a birth date other than the ID number’s', 'birthDate', { ...holder, birthDate: '1980-03-16' }],
] as const;

/** What a chip written with `data` reads back as (the records the kiosk writes, read as the reader reads them). */
function readBackWith(data: typeof holder): CardRecordFields {
  const records = encodeCardRecords({
    cardIdentifier: '00112233445566778899AABBCCDDEEFF',
    cardType: '1',
    version: '3.00',
    issuingOrganisation: '410800000001',
    issueDate: '2026-11-27',
    expiryDate: '2036-11-27',
    cardNumber: zhang.cardNumber,
    ...data,
    sex: zhang.sex,
    ethnicity: '01',
    birthPlace: data.idNumber.slice(0, 6),
  });
  const file = (from: number, to: number) =>
    Buffer.concat([...records].filter(([n]) => n >= from && n <= to).map(([, bytes]) => bytes));
  return parseCardRecords(file(1, 7), file(8, 13));
}

describe('card data the chip cannot hold', () => {
  it('the chip reads back what the check lets through', () => {
    const tenCharacters = { ...holder, name: '阿卜杜热合曼买买提明' };
    expect(holderFieldChipCannotHold(tenCharacters)).toBeUndefined();
    expect(readBackWith(tenCharacters).name).toBe(tenCharacters.name);
  });

  it.each(cases)('%s: the chip refuses it on read-back, the check names it', (_what, field, data) => {
    expect(holderFieldChipCannotHold(data)).toBe(field);
    expect(() => readBackWith(data)).toThrow(expect.objectContaining({ code: ErrorCode.CARD_DATA_CORRUPT }));
  });

  it.each(cases)('%s: refused before any blank is fed, the field named', async (_what, field, data) => {
    w = await realTerminalIssuance();
    Object.assign(w.order.holder, data);
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
    expect(JSON.stringify(steps)).not.toContain(data[field]);
  });
});
