import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { type CommandApdu, decodeResponse, encodeCommand, parseTlv, SW } from '../apdu.protocol.js';
import { encodeLogRecord } from '../card-records.protocol.js';
import {
  appendRecord,
  authenticationCryptogram,
  CARD_FILES,
  changePinCommand,
  deriveCardKey,
  externalAuthenticate,
  getChallenge,
  internalAuthenticate,
  markRecordsPrinted,
  pinBlock,
  pinTriesQuery,
  readBinary,
  readRecord,
  readRecordsFrom,
  resetRetryCounter,
  selectApplication,
  selectFile,
  SOCIAL_SECURITY_ATR,
  SOCIAL_SECURITY_DF_NAME,
  TRIES_QUERY_SPENDING_ATR,
  updateRecord,
  verifyPinCommand,
} from '../social-security-card.protocol.js';
import { InMemoryCardStore, JsonFileCardStore } from './card-memory.js';
import {
  cardMemoryOf,
  createDemoCards,
  DEMO_ISSUER_KEY,
  demoCardSpec,
  type VirtualCards,
} from './demo-cards.js';
import type { SocialSecurityCardEmulator } from './social-security-card.emulator.js';

const pin = (s: string) => pinBlock(Uint8Array.from([...s].map(Number)));
const log = encodeLogRecord({
  kind: 'Q',
  amountFen: 0,
  terminalId: 'JZ0001',
  at: new Date('2026-11-26T08:00:00Z'),
});

function powered(cards: VirtualCards, cardId: string) {
  const card = cards.open(cardId) as SocialSecurityCardEmulator;
  expect(card.powerOn().equals(SOCIAL_SECURITY_ATR)).toBe(true);
  const send = (apdu: CommandApdu) => decodeResponse(card.transmit(encodeCommand(apdu)));
  return { card, send, sw: (apdu: CommandApdu) => send(apdu).sw };
}

function issuerAuthenticate(
  send: (apdu: CommandApdu) => { data: Buffer; sw: number },
  key = DEMO_ISSUER_KEY,
) {
  const serial = parseTlv(send(readRecord(CARD_FILES.EF05.sfi, 1)).data)[0]!.value;
  const cardKey = deriveCardKey(key, serial);
  const challenge = send(getChallenge()).data;
  return send(externalAuthenticate(authenticationCryptogram(cardKey, challenge))).sw;
}

describe('virtual social-security card', () => {
  let cards: VirtualCards;
  beforeEach(() => {
    cards = createDemoCards({ store: new InMemoryCardStore(), today: new Date('2026-11-26') });
  });

  it('has one card per demo resident', () => {
    expect(cards.list().map((c) => c.cardId)).toEqual(DEMO_RESIDENTS.map((r) => r.key).sort());
    // named by what the chip holds (the state is the host's, not the card's)
    expect(cards.list().find((c) => c.cardId === 'zhang')).toEqual({
      cardId: 'zhang',
      label: '张*明 H41******101',
      cardNumber: 'H41080000101',
    });
  });

  it('selects the application by DF name and answers its FCI', () => {
    const { send } = powered(cards, 'zhang');
    const reply = send(selectApplication());
    expect(reply.sw).toBe(SW.OK);
    const name = parseTlv(parseTlv(reply.data)[0]!.value)[0]!.value;
    expect(name.equals(SOCIAL_SECURITY_DF_NAME)).toBe(true);
    expect(send({ ...selectApplication(), data: Buffer.from('sx1.sh.other') }).sw).toBe(SW.FILE_NOT_FOUND);
  });

  it('selects EF05 by file id and reads one record of the current EF', () => {
    const { send, sw } = powered(cards, 'zhang');
    expect(sw(selectFile(CARD_FILES.EF05.fid))).toBe(SW.FILE_NOT_FOUND); // DF not selected yet
    sw(selectApplication());
    expect(sw(selectFile(CARD_FILES.EF05.fid))).toBe(SW.OK);
    const record = send({ cla: 0, ins: 0xb2, p1: 7, p2: 0x04, le: 256 });
    expect(parseTlv(record.data)[0]?.value.toString('ascii')).toBe('H41080000101');
    expect(sw({ cla: 0, ins: 0xb2, p1: 9, p2: 0x04, le: 256 })).toBe(SW.RECORD_NOT_FOUND);
  });

  it('reads EF06 by record and by binary with the same bytes', () => {
    const { send } = powered(cards, 'li');
    send(selectApplication());
    const records = send(readRecordsFrom(CARD_FILES.EF06.sfi, 8));
    const binary = send(readBinary(CARD_FILES.EF06.sfi));
    expect(records.sw).toBe(SW.OK);
    expect(binary.data.equals(records.data)).toBe(true);
    expect(parseTlv(records.data).map((t) => t.tag)).toEqual([8, 9, 10, 11, 12, 13]);
  });

  it('counts wrong PINs down with 63 Cx, then answers 69 83', () => {
    const { sw } = powered(cards, 'zhang');
    sw(selectApplication());
    expect(sw(pinTriesQuery())).toBe(0x63c3);
    expect(sw(verifyPinCommand(pin('000000')))).toBe(0x63c2);
    expect(sw(verifyPinCommand(pin('000000')))).toBe(0x63c1);
    expect(sw(verifyPinCommand(pin('000000')))).toBe(0x63c0);
    expect(sw(verifyPinCommand(pin('147258')))).toBe(SW.AUTH_METHOD_BLOCKED);
  });

  it('on the chip that spends a try on the tries query: says so in its ATR, and counts the query as a wrong PIN', () => {
    const store = new InMemoryCardStore();
    const spec = demoCardSpec(DEMO_RESIDENTS.find((r) => r.key === 'zhang')!);
    store.save(cardMemoryOf({ ...spec, cardId: 'spending', spendsTryOnTriesQuery: true }));
    const card = createDemoCards({ store }).open('spending')!;
    expect(card.powerOn().equals(TRIES_QUERY_SPENDING_ATR)).toBe(true);
    expect(card.atr().equals(TRIES_QUERY_SPENDING_ATR)).toBe(true);
    const sw = (apdu: CommandApdu) => decodeResponse(card.transmit(encodeCommand(apdu))).sw;
    sw(selectApplication());
    expect(sw(pinTriesQuery())).toBe(0x63c2);
    expect(sw(pinTriesQuery())).toBe(0x63c1);
    expect(store.load('spending')?.pinTriesLeft).toBe(1);
    expect(sw(verifyPinCommand(pin('147258')))).toBe(SW.OK);
    expect(sw(pinTriesQuery())).toBe(0x63c2); // a verified PIN does not keep it from spending
  });

  it('restores the tries after a right PIN and refuses a malformed PIN without counting', () => {
    const { sw } = powered(cards, 'zhang');
    sw(selectApplication());
    expect(sw(verifyPinCommand(pin('000000')))).toBe(0x63c2);
    expect(sw(verifyPinCommand(Buffer.from('1a', 'hex')))).toBe(SW.WRONG_DATA);
    expect(sw(verifyPinCommand(pin('147258')))).toBe(SW.OK);
    expect(sw(pinTriesQuery())).toBe(SW.OK);
  });

  it('changes the PIN with the old one (activation of a new card)', () => {
    const { sw } = powered(cards, 'zhao');
    sw(selectApplication());
    expect(sw(changePinCommand(pin('111111'), pin('802468')))).toBe(0x63c2);
    expect(sw(changePinCommand(pin('123456'), pin('802468')))).toBe(SW.OK);
    expect(sw(verifyPinCommand(pin('123456')))).toBe(0x63c2);
    expect(sw(verifyPinCommand(pin('802468')))).toBe(SW.OK);
  });

  it('resets the retry counter and writes records only after issuer authentication', () => {
    const { send, sw } = powered(cards, 'zhang');
    sw(selectApplication());
    for (let i = 0; i < 3; i += 1) sw(verifyPinCommand(pin('000000')));
    expect(sw(resetRetryCounter())).toBe(SW.SECURITY_NOT_SATISFIED);
    const name = Buffer.from([9, 3, 0xe5, 0xbc, 0xa0]);
    expect(sw(updateRecord(CARD_FILES.EF06.sfi, 9, name))).toBe(SW.SECURITY_NOT_SATISFIED);
    expect(sw(externalAuthenticate(Buffer.alloc(16)))).toBe(SW.CONDITIONS_NOT_SATISFIED); // no challenge
    send(getChallenge());
    expect(sw(externalAuthenticate(Buffer.alloc(16)))).toBe(0x6300);
    expect(issuerAuthenticate(send, Buffer.alloc(16, 1))).toBe(0x6300); // wrong issuer key
    expect(issuerAuthenticate(send)).toBe(SW.OK);
    expect(sw(resetRetryCounter())).toBe(SW.OK);
    expect(sw(updateRecord(CARD_FILES.EF06.sfi, 9, name))).toBe(SW.OK);
    expect(sw(updateRecord(CARD_FILES.EF06.sfi, 9, Buffer.from([8, 1, 0x30])))).toBe(SW.WRONG_DATA);
    expect(sw(verifyPinCommand(pin('147258')))).toBe(SW.OK);
  });

  it('proves itself to the terminal by internal authentication', () => {
    const { send } = powered(cards, 'li');
    send(selectApplication());
    const serial = parseTlv(send(readRecord(CARD_FILES.EF05.sfi, 1)).data)[0]!.value;
    const challenge = Buffer.from('0102030405060708', 'hex');
    const reply = send(internalAuthenticate(challenge));
    expect(
      reply.data.equals(authenticationCryptogram(deriveCardKey(DEMO_ISSUER_KEY, serial), challenge)),
    ).toBe(true);
  });

  it('refuses a 61st unprinted transaction until the records are printed', () => {
    const { send, sw } = powered(cards, 'li');
    sw(selectApplication());
    expect(sw(appendRecord(CARD_FILES.EF18.sfi, log))).toBe(SW.SECURITY_NOT_SATISFIED);
    expect(sw(verifyPinCommand(pin('258369')))).toBe(SW.OK);
    const before = send(readBinary(CARD_FILES.EF19.sfi)).data[0]!;
    for (let i = before; i < 60; i += 1) expect(sw(appendRecord(CARD_FILES.EF18.sfi, log))).toBe(SW.OK);
    expect(send(readBinary(CARD_FILES.EF19.sfi)).data).toEqual(Buffer.from([60, 60]));
    expect(sw(appendRecord(CARD_FILES.EF18.sfi, log))).toBe(SW.CONDITIONS_NOT_SATISFIED);
    expect(sw(markRecordsPrinted())).toBe(SW.OK);
    expect(sw(appendRecord(CARD_FILES.EF18.sfi, log))).toBe(SW.OK);
    expect(send(readRecordsFrom(CARD_FILES.EF18.sfi, 1)).data.length).toBe(60 * 18); // rolling log
  });

  it('answers ISO status words to what it does not support', () => {
    const { card, sw } = powered(cards, 'li');
    expect(sw({ cla: 0x00, ins: 0x50, p1: 0, p2: 0 })).toBe(SW.INS_NOT_SUPPORTED);
    expect(sw({ cla: 0x80, ins: 0xa4, p1: 0, p2: 0 })).toBe(SW.CLA_NOT_SUPPORTED);
    expect(decodeResponse(card.transmit(Buffer.from('00a40400090102', 'hex'))).sw).toBe(SW.WRONG_LENGTH);
    expect(sw({ ...selectFile(0x0005), p1: 0x08 })).toBe(SW.INCORRECT_P1_P2);
    card.powerOff();
    expect(sw(selectApplication())).toBe(SW.CONDITIONS_NOT_SATISFIED);
  });

  describe('kept in a card file', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'cards-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps its PIN counter across a restart and never stores the PIN in clear', () => {
      const first = createDemoCards({ store: new JsonFileCardStore(dir) });
      const { sw } = powered(first, 'zhang');
      sw(selectApplication());
      expect(sw(verifyPinCommand(pin('000000')))).toBe(0x63c2);
      const again = createDemoCards({ store: new JsonFileCardStore(dir) }); // a new process
      const { sw: sw2 } = powered(again, 'zhang');
      sw2(selectApplication());
      expect(sw2(pinTriesQuery())).toBe(0x63c2);
      expect(readFileSync(join(dir, 'zhang.card.json'), 'utf8')).not.toContain('147258');
    });
  });
});
