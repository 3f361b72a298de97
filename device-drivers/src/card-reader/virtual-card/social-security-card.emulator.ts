/**
 * The virtual social-security card: a card program that answers APDUs as the chip does, with
 * ISO 7816-4 status words for every refusal. Transport-free: the in-process link and the vpcd
 * link both call `powerOn()` and `transmit()`. Every change of non-volatile state is saved
 * (through `persist`) before the answer leaves the card, like an EEPROM write.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  ApduFormatError,
  type CommandApdu,
  decodeCommand,
  encodeResponse,
  encodeTlv,
  INS,
  parseTlv,
  SW,
  swVerifyFailed,
} from '../apdu.protocol.js';
import {
  authenticationCryptogram,
  CARD_FILES,
  deriveCardKey,
  LOG_CAPACITY,
  LOG_RECORD_LENGTH,
  PIN_TRIES,
  pinDigitsOf,
  SOCIAL_SECURITY_ATR,
  SOCIAL_SECURITY_DF_ID,
  SOCIAL_SECURITY_DF_NAME,
  UNPRINTED_LIMIT,
} from '../social-security-card.protocol.js';
import { type CardMemory, hashPin, pinMatches } from './card-memory.js';

type Selected = 'MF' | 'DF';
type Ef = 'EF05' | 'EF06' | 'EF18' | 'EF19';

interface Reply {
  data?: Uint8Array;
  sw: number;
}

const ok = (data?: Uint8Array): Reply => ({ data, sw: SW.OK });
const refuse = (sw: number): Reply => ({ sw });

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
  private pinVerified = false;
  private issuerAuthenticated = false;
  private challenge: Buffer | null = null;
  private readonly cardKey: Buffer;
  private readonly random: (size: number) => Buffer;

  constructor(
    private readonly memory: CardMemory,
    private readonly options: SocialSecurityCardOptions,
  ) {
    this.cardKey = deriveCardKey(options.issuerKey, Buffer.from(memory.chipSerial, 'hex'));
    this.random = options.random ?? randomBytes;
  }

  get cardId(): string {
    return this.memory.cardId;
  }

  /** Cold or warm reset: clears the volatile state and answers with the ATR. */
  powerOn(): Buffer {
    this.selected = 'MF';
    this.currentEf = null;
    this.pinVerified = false;
    this.issuerAuthenticated = false;
    this.challenge = null;
    return Buffer.from(SOCIAL_SECURITY_ATR);
  }

  /** The ATR as a reader polling for presence asks it (no reset of the card's state). */
  atr(): Buffer {
    return Buffer.from(SOCIAL_SECURITY_ATR);
  }

  powerOff(): void {
    this.selected = null;
    this.pinVerified = false;
    this.issuerAuthenticated = false;
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
        return this.verify(apdu);
      case INS.CHANGE_REFERENCE_DATA:
        return this.changeReferenceData(apdu);
      case INS.RESET_RETRY_COUNTER:
        return this.resetRetryCounter(apdu);
      case INS.GET_CHALLENGE:
        return this.getChallenge(apdu);
      case INS.EXTERNAL_AUTHENTICATE:
        return this.externalAuthenticate(apdu);
      case INS.INTERNAL_AUTHENTICATE:
        return this.internalAuthenticate(apdu);
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
      this.pinVerified = false;
      this.issuerAuthenticated = false;
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
    this.pinVerified = false;
    this.issuerAuthenticated = false;
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
      if (!this.pinVerified) return refuse(SW.SECURITY_NOT_SATISFIED);
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
    if (!this.issuerAuthenticated) return refuse(SW.SECURITY_NOT_SATISFIED);
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
    if (!this.pinVerified && !this.issuerAuthenticated) return refuse(SW.SECURITY_NOT_SATISFIED);
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
    if (!this.pinVerified) return refuse(SW.SECURITY_NOT_SATISFIED);
    if ((apdu.data?.length ?? 0) !== LOG_RECORD_LENGTH) return refuse(SW.WRONG_LENGTH);
    if (this.memory.unprinted >= UNPRINTED_LIMIT) return refuse(SW.CONDITIONS_NOT_SATISFIED);
    this.memory.log.push(Buffer.from(apdu.data ?? []).toString('hex'));
    if (this.memory.log.length > LOG_CAPACITY) this.memory.log.shift();
    this.memory.unprinted += 1;
    this.save();
    return ok();
  }

  // ------------------------------------------------------------------ PIN

  private verify(apdu: CommandApdu): Reply {
    if (apdu.p1 !== 0x00 || apdu.p2 !== 0x00) return refuse(SW.REFERENCE_DATA_NOT_FOUND);
    if (this.selected !== 'DF') return refuse(SW.CONDITIONS_NOT_SATISFIED);
    if (!this.memory.pin) return refuse(SW.REFERENCE_DATA_NOT_USABLE);
    if (this.memory.pinTriesLeft <= 0) return refuse(SW.AUTH_METHOD_BLOCKED);
    if (!apdu.data || apdu.data.length === 0) {
      return this.pinVerified ? ok() : refuse(swVerifyFailed(this.memory.pinTriesLeft));
    }
    return this.checkPin(apdu.data);
  }

  private checkPin(block: Uint8Array): Reply {
    const digits = pinDigitsOf(block);
    if (!digits || digits.length < 4 || !this.memory.pin) return refuse(SW.WRONG_DATA);
    if (pinMatches(this.memory.pin, digits)) {
      if (this.memory.pinTriesLeft !== PIN_TRIES) {
        this.memory.pinTriesLeft = PIN_TRIES;
        this.save();
      }
      this.pinVerified = true;
      return ok();
    }
    this.pinVerified = false;
    this.memory.pinTriesLeft -= 1;
    this.save();
    return refuse(swVerifyFailed(this.memory.pinTriesLeft));
  }

  private setPin(block: Uint8Array): Reply {
    const digits = pinDigitsOf(block);
    if (!digits || digits.length < 4 || digits.length > 12) return refuse(SW.WRONG_DATA);
    this.memory.pin = hashPin(digits);
    this.memory.pinTriesLeft = PIN_TRIES;
    this.save();
    return ok();
  }

  private changeReferenceData(apdu: CommandApdu): Reply {
    if (apdu.p2 !== 0x00) return refuse(SW.REFERENCE_DATA_NOT_FOUND);
    if (this.selected !== 'DF') return refuse(SW.CONDITIONS_NOT_SATISFIED);
    const data = Buffer.from(apdu.data ?? []);
    if (apdu.p1 === 0x01) {
      if (!this.issuerAuthenticated) return refuse(SW.SECURITY_NOT_SATISFIED);
      return this.setPin(data);
    }
    if (apdu.p1 !== 0x00) return refuse(SW.INCORRECT_P1_P2);
    if (!this.memory.pin) return refuse(SW.REFERENCE_DATA_NOT_USABLE);
    if (this.memory.pinTriesLeft <= 0) return refuse(SW.AUTH_METHOD_BLOCKED);
    const separator = data.indexOf(0xff);
    if (separator <= 0) return refuse(SW.WRONG_DATA);
    const newBlock = data.subarray(separator + 1);
    const newDigits = pinDigitsOf(newBlock);
    if (!newDigits || newDigits.length < 4 || newDigits.length > 12) return refuse(SW.WRONG_DATA);
    const old = this.checkPin(data.subarray(0, separator));
    if (old.sw !== SW.OK) return old;
    return this.setPin(newBlock);
  }

  private resetRetryCounter(apdu: CommandApdu): Reply {
    if (apdu.p2 !== 0x00) return refuse(SW.REFERENCE_DATA_NOT_FOUND);
    if (apdu.p1 !== 0x02 && apdu.p1 !== 0x03) return refuse(SW.INCORRECT_P1_P2);
    if (!this.issuerAuthenticated) return refuse(SW.SECURITY_NOT_SATISFIED);
    if (apdu.p1 === 0x02) return this.setPin(Buffer.from(apdu.data ?? []));
    if (!this.memory.pin) return refuse(SW.REFERENCE_DATA_NOT_USABLE);
    this.memory.pinTriesLeft = PIN_TRIES;
    this.save();
    return ok();
  }

  // ------------------------------------------------------------------ issuer authentication

  private getChallenge(apdu: CommandApdu): Reply {
    if (apdu.le !== 8) return refuse(SW.WRONG_LENGTH);
    this.challenge = this.random(8);
    return ok(this.challenge);
  }

  private externalAuthenticate(apdu: CommandApdu): Reply {
    const challenge = this.challenge;
    this.challenge = null;
    if (!challenge) return refuse(SW.CONDITIONS_NOT_SATISFIED);
    if (apdu.p2 !== 0x01) return refuse(SW.REFERENCE_DATA_NOT_FOUND);
    if (apdu.data?.length !== 16) return refuse(SW.WRONG_LENGTH);
    const expected = authenticationCryptogram(this.cardKey, challenge);
    if (!timingSafeEqual(expected, Buffer.from(apdu.data))) {
      this.issuerAuthenticated = false;
      return refuse(0x6300);
    }
    this.issuerAuthenticated = true;
    return ok();
  }

  private internalAuthenticate(apdu: CommandApdu): Reply {
    if (apdu.p2 !== 0x01) return refuse(SW.REFERENCE_DATA_NOT_FOUND);
    if (apdu.data?.length !== 8) return refuse(SW.WRONG_LENGTH);
    return ok(authenticationCryptogram(this.cardKey, apdu.data));
  }
}

function efByFid(fid: number): Ef | undefined {
  return (Object.keys(CARD_FILES) as Ef[]).find((ef) => CARD_FILES[ef].fid === fid);
}

function efBySfi(sfi: number): Ef | undefined {
  return (Object.keys(CARD_FILES) as Ef[]).find((ef) => CARD_FILES[ef].sfi === sfi);
}
