/**
 * The virtual social-security card: a card program that answers APDUs as the chip does, with
 * ISO 7816-4 status words for every refusal. Transport-free: the in-process link and the vpcd
 * link both call `powerOn()` and `transmit()`. Every change of non-volatile state is saved
 * (through `persist`) before the answer leaves the card, like an EEPROM write.
 */
import {
  ApduFormatError,
  type CommandApdu,
  decodeCommand,
  encodeResponse,
  encodeTlv,
  INS,
  parseTlv,
  SW,
} from '../apdu.protocol.js';
import {
  CARD_FILES,
  LOG_CAPACITY,
  LOG_RECORD_LENGTH,
  SOCIAL_SECURITY_ATR,
  SOCIAL_SECURITY_DF_ID,
  SOCIAL_SECURITY_DF_NAME,
  TRIES_QUERY_SPENDING_ATR,
  UNPRINTED_LIMIT,
} from '../social-security-card.protocol.js';
import type { CardMemory } from './card-memory.js';
import { ok, refuse, type Reply } from './card-reply.js';
import { CardSecurityEmulator } from './card-security.emulator.js';

type Selected = 'MF' | 'DF';
type Ef = 'EF05' | 'EF06' | 'EF18' | 'EF19';

export interface SocialSecurityCardOptions {
  /** the issuer (master) key the card key is diversified from: 16 bytes */
  readonly issuerKey: Uint8Array;
  /** saves the memory; called before an answer that changed it leaves the card */
  readonly persist: (memory: CardMemory) => void;
  readonly random?: (size: number) => Buffer;
}

export class SocialSecurityCardEmulator {
  private selected: Selected | null = null;
  private currentEf: Ef | null = null;
  private readonly security: CardSecurityEmulator;

  constructor(
    private readonly memory: CardMemory,
    private readonly options: SocialSecurityCardOptions,
  ) {
    this.security = new CardSecurityEmulator(memory, options.issuerKey, () => this.save(), options.random);
  }

  get cardId(): string {
    return this.memory.cardId;
  }

  /** Cold or warm reset: clears the volatile state and answers with the ATR. */
  powerOn(): Buffer {
    this.selected = 'MF';
    this.currentEf = null;
    this.security.reset();
    return this.atr();
  }

  /** The ATR as a reader polling for presence asks it (no reset of the card's state): its chip's. */
  atr(): Buffer {
    return Buffer.from(
      this.memory.spendsTryOnTriesQuery === true ? TRIES_QUERY_SPENDING_ATR : SOCIAL_SECURITY_ATR,
    );
  }

  powerOff(): void {
    this.selected = null;
    this.security.reset();
  }

  /** One command APDU in, one response APDU out. */
  transmit(bytes: Uint8Array): Buffer {
    if (this.selected === null) return encodeResponse(new Uint8Array(0), SW.CONDITIONS_NOT_SATISFIED);
    let apdu: CommandApdu;
    try {
      apdu = decodeCommand(bytes);
    } catch (e) {
      if (e instanceof ApduFormatError) return encodeResponse(new Uint8Array(0), SW.WRONG_LENGTH);
      throw e;
    }
    const reply = apdu.cla !== 0x00 ? refuse(SW.CLA_NOT_SUPPORTED) : this.dispatch(apdu);
    return encodeResponse(reply.data ?? new Uint8Array(0), reply.sw);
  }

  /** Test and demo control: overwrite a record with bytes that do not parse. */
  damageRecord(record: number, bytes: Uint8Array = Buffer.from([record, 0x20, 0x00])): void {
    this.memory.records[String(record)] = Buffer.from(bytes).toString('hex');
    this.save();
  }

  private save(): void {
    this.options.persist(this.memory);
  }

  private dispatch(apdu: CommandApdu): Reply {
    switch (apdu.ins) {
      case INS.SELECT:
        return this.select(apdu);
      case INS.READ_RECORD:
        return this.readRecord(apdu);
      case INS.READ_BINARY:
        return this.readBinary(apdu);
      case INS.UPDATE_RECORD:
        return this.updateRecord(apdu);
      case INS.UPDATE_BINARY:
        return this.updateBinary(apdu);
      case INS.APPEND_RECORD:
        return this.appendRecord(apdu);
      case INS.VERIFY:
        return this.security.verify(apdu, this.selected === 'DF');
      case INS.CHANGE_REFERENCE_DATA:
        return this.security.changeReferenceData(apdu, this.selected === 'DF');
      case INS.RESET_RETRY_COUNTER:
        return this.security.resetRetryCounter(apdu);
      case INS.GET_CHALLENGE:
        return this.security.getChallenge(apdu);
      case INS.EXTERNAL_AUTHENTICATE:
        return this.security.externalAuthenticate(apdu);
      case INS.INTERNAL_AUTHENTICATE:
        return this.security.internalAuthenticate(apdu);
      default:
        return refuse(SW.INS_NOT_SUPPORTED);
    }
  }

  // ------------------------------------------------------------------ files

  private select(apdu: CommandApdu): Reply {
    const data = Buffer.from(apdu.data ?? []);
    const fci = () =>
      (apdu.p2 & 0x0c) === 0x0c ? undefined : encodeTlv(0x6f, encodeTlv(0x84, SOCIAL_SECURITY_DF_NAME));
    if (apdu.p1 === 0x04) {
      if (!data.equals(SOCIAL_SECURITY_DF_NAME)) return refuse(SW.FILE_NOT_FOUND);
      this.enterDf();
      return ok(fci());
    }
    if (apdu.p1 !== 0x00 && apdu.p1 !== 0x01 && apdu.p1 !== 0x02) return refuse(SW.INCORRECT_P1_P2);
    if (data.length !== 2) return refuse(SW.WRONG_LENGTH);
    const fid = data.readUInt16BE(0);
    if (fid === 0x3f00 && apdu.p1 === 0x00) {
      this.selected = 'MF';
      this.currentEf = null;
      this.security.reset();
      return ok();
    }
    if (fid === SOCIAL_SECURITY_DF_ID && apdu.p1 !== 0x02) {
      this.enterDf();
      return ok(fci());
    }
    const ef = this.selected === 'DF' ? efByFid(fid) : undefined;
    if (!ef) return refuse(SW.FILE_NOT_FOUND);
    this.currentEf = ef;
    return ok();
  }

  private enterDf(): void {
    this.selected = 'DF';
    this.currentEf = null;
    this.security.reset();
  }

  /** The EF named by an SFI (0 = current EF); a refusal when there is none. */
  private efFor(sfi: number): Ef | Reply {
    if (this.selected !== 'DF') return refuse(SW.FILE_NOT_FOUND);
    if (sfi === 0) return this.currentEf ?? refuse(SW.NO_CURRENT_EF);
    const ef = efBySfi(sfi);
    if (!ef) return refuse(SW.FILE_NOT_FOUND);
    this.currentEf = ef;
    return ef;
  }

  private recordsOf(ef: 'EF05' | 'EF06'): [number, Buffer][] {
    const { firstRecord, lastRecord } = CARD_FILES[ef];
    const out: [number, Buffer][] = [];
    for (let n = firstRecord; n <= lastRecord; n += 1) {
      const hex = this.memory.records[String(n)];
      if (hex !== undefined) out.push([n, Buffer.from(hex, 'hex')]);
    }
    return out;
  }

  private readRecord(apdu: CommandApdu): Reply {
    const ef = this.efFor(apdu.p2 >> 3);
    if (typeof ef !== 'string') return ef;
    const mode = apdu.p2 & 0x07;
    if (mode !== 0x04 && mode !== 0x05) return refuse(SW.INCORRECT_P1_P2);
    if (ef === 'EF19') return refuse(SW.INCOMPATIBLE_FILE_STRUCTURE);
    if (ef === 'EF18') {
      if (!this.security.pinVerified) return refuse(SW.SECURITY_NOT_SATISFIED);
      const newestFirst = [...this.memory.log].reverse();
      const from = apdu.p1 - 1;
      if (apdu.p1 === 0 || from >= newestFirst.length) return refuse(SW.RECORD_NOT_FOUND);
      const chosen = mode === 0x04 ? [newestFirst[from] ?? ''] : newestFirst.slice(from);
      return ok(Buffer.concat(chosen.map((hex) => Buffer.from(hex, 'hex'))));
    }
    const records = this.recordsOf(ef);
    const chosen = records.filter(([n]) => (mode === 0x04 ? n === apdu.p1 : n >= apdu.p1));
    if (chosen.length === 0) return refuse(SW.RECORD_NOT_FOUND);
    return ok(Buffer.concat(chosen.map(([, bytes]) => bytes)));
  }

  private readBinary(apdu: CommandApdu): Reply {
    const ef = this.efFor(apdu.p1 & 0x80 ? apdu.p1 & 0x1f : 0);
    if (typeof ef !== 'string') return ef;
    const offset = apdu.p1 & 0x80 ? apdu.p2 : ((apdu.p1 & 0x7f) << 8) | apdu.p2;
    let content: Buffer;
    if (ef === 'EF19') content = Buffer.from([this.memory.unprinted, UNPRINTED_LIMIT]);
    else if (ef === 'EF18') return refuse(SW.INCOMPATIBLE_FILE_STRUCTURE);
    else content = Buffer.concat(this.recordsOf(ef).map(([, bytes]) => bytes));
    if (offset > content.length) return refuse(SW.WRONG_P1_P2);
    return ok(content.subarray(offset, offset + Math.min(apdu.le ?? 256, 256)));
  }

  private updateRecord(apdu: CommandApdu): Reply {
    const ef = this.efFor(apdu.p2 >> 3);
    if (typeof ef !== 'string') return ef;
    if (ef !== 'EF05' && ef !== 'EF06') return refuse(SW.INCOMPATIBLE_FILE_STRUCTURE);
    if ((apdu.p2 & 0x07) !== 0x04) return refuse(SW.INCORRECT_P1_P2);
    const { firstRecord, lastRecord } = CARD_FILES[ef];
    if (apdu.p1 < firstRecord || apdu.p1 > lastRecord) return refuse(SW.RECORD_NOT_FOUND);
    if (!this.security.issuerAuthenticated) return refuse(SW.SECURITY_NOT_SATISFIED);
    const data = Buffer.from(apdu.data ?? []);
    try {
      const tlv = parseTlv(data);
      if (tlv.length !== 1 || tlv[0]?.tag !== apdu.p1) return refuse(SW.WRONG_DATA);
    } catch {
      return refuse(SW.WRONG_DATA);
    }
    this.memory.records[String(apdu.p1)] = data.toString('hex');
    this.save();
    return ok();
  }

  private updateBinary(apdu: CommandApdu): Reply {
    const ef = this.efFor(apdu.p1 & 0x80 ? apdu.p1 & 0x1f : 0);
    if (typeof ef !== 'string') return ef;
    if (ef !== 'EF19') return refuse(SW.INCOMPATIBLE_FILE_STRUCTURE);
    if (!this.security.pinVerified && !this.security.issuerAuthenticated)
      return refuse(SW.SECURITY_NOT_SATISFIED);
    const data = apdu.data ?? new Uint8Array(0);
    if (data.length !== 1 || data[0] !== 0x00 || (apdu.p1 & 0x80 ? apdu.p2 : 1) !== 0) {
      return refuse(SW.WRONG_DATA);
    }
    this.memory.unprinted = 0;
    this.save();
    return ok();
  }

  private appendRecord(apdu: CommandApdu): Reply {
    const ef = this.efFor(apdu.p2 >> 3);
    if (typeof ef !== 'string') return ef;
    if (ef !== 'EF18') return refuse(SW.INCOMPATIBLE_FILE_STRUCTURE);
    if (!this.security.pinVerified) return refuse(SW.SECURITY_NOT_SATISFIED);
    if ((apdu.data?.length ?? 0) !== LOG_RECORD_LENGTH) return refuse(SW.WRONG_LENGTH);
    if (this.memory.unprinted >= UNPRINTED_LIMIT) return refuse(SW.CONDITIONS_NOT_SATISFIED);
    this.memory.log.push(Buffer.from(apdu.data ?? []).toString('hex'));
    if (this.memory.log.length > LOG_CAPACITY) this.memory.log.shift();
    this.memory.unprinted += 1;
    this.save();
    return ok();
  }
}

function efByFid(fid: number): Ef | undefined {
  return (Object.keys(CARD_FILES) as Ef[]).find((ef) => CARD_FILES[ef].fid === fid);
}

function efBySfi(sfi: number): Ef | undefined {
  return (Object.keys(CARD_FILES) as Ef[]).find((ef) => CARD_FILES[ef].sfi === sfi);
}
