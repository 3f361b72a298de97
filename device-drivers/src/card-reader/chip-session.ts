/**
 * The social-security application spoken over any `ChipLink`: one command at a time, each APDU
 * within a deadline, status words turned into coded KioskErrors. Both readers (PC/SC and
 * in-process) use it; the card printer's chip station extends it (`IssuerChipSession`).
 */
import { ErrorCode, KioskError, OneLine } from '@kiosk/domain';
import type { SecurePin } from '../common/secure-pin.js';
import {
  carriesLe,
  type CommandApdu,
  decodeResponse,
  encodeCommand,
  INS,
  type ResponseApdu,
  SW,
} from './apdu.protocol.js';
import { cardFileData, expectOk, expectSocialSecuritySelected, pinOutcome } from './chip-answer-words.js';
import type { ChipLink } from './chip-link.js';
import type { CardTransaction, PinVerification, SocialSecurityCardData } from './card-reader.port.js';
import { encodeLogRecord, parseCardRecords, parseLogRecord } from './card-records.protocol.js';
import { withDeadline } from './deadline.js';
import {
  appendRecord,
  CARD_FILES,
  changePinCommand,
  LOG_RECORD_LENGTH,
  markRecordsPrinted,
  pinBlock,
  pinTriesLeftOf,
  pinTriesQuery,
  readBinary,
  readRecordsFrom,
  selectApplication,
  SOCIAL_SECURITY_ATR,
  verifyPinCommand,
} from './social-security-card.protocol.js';

export interface ChipSessionOptions {
  /** deadline of one APDU round trip (default 5000 ms) */
  readonly transmitTimeoutMs?: number;
  /**
   * the ATRs (hex, capitals, no spaces) of the card types asked their PIN tries left at the read:
   * those known to answer VERIFY without a PIN as ISO 7816-4 says, spending none (default: the
   * virtual card's, `SOCIAL_SECURITY_ATR`; the daemon: the profile's `pin.triesQueryAtrs`). Any
   * other card is never asked: a chip that took the query for a wrong PIN would lose a try to it.
   */
  readonly pinTriesQueryAtrs?: readonly string[];
}

/** The ATR as `pinTriesQueryAtrs` names it: hex in capitals, no spaces. */
export const atrHex = (atr: Uint8Array): string => Buffer.from(atr).toString('hex').toUpperCase();

const pinLockedBefore = () =>
  new KioskError(
    ErrorCode.PIN_ALREADY_BLOCKED,
    'The PIN of this card was locked before; unlock it with “Reset PIN” (ID card and face) or at the service desk.',
  );

/** Failures of the PIN tries query that end the card read: the card or the reader is gone. */
const READ_ENDING = [ErrorCode.CARD_REMOVED, ErrorCode.DEVICE_OFFLINE, ErrorCode.DEVICE_BUSY] as const;

export class ChipSession {
  private connected = false;
  /** the ATR of the card powered up, its type: asked the tries left or not */
  private atr: string | undefined;
  /** the card answered a PIN of this power-up: a 69 83 after it may be this power-up's own lock */
  private pinAnswered = false;
  protected applicationSelected = false;
  private readonly commands = new OneLine();
  private readonly transmitTimeoutMs: number;
  private readonly pinTriesQueryAtrs: ReadonlySet<string>;

  constructor(
    private readonly link: ChipLink,
    options: ChipSessionOptions = {},
  ) {
    this.transmitTimeoutMs = options.transmitTimeoutMs ?? 5000;
    this.pinTriesQueryAtrs = new Set(options.pinTriesQueryAtrs ?? [atrHex(SOCIAL_SECURITY_ATR)]);
  }

  /** Forget the power-up and selection (after the card left or the link broke). */
  reset(): void {
    this.connected = false;
    this.atr = undefined;
    this.pinAnswered = false;
    this.applicationSelected = false;
  }

  /** Runs `work` alone: commands never interleave on the card. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.commands.run(work);
  }

  async readCard(signal?: AbortSignal): Promise<SocialSecurityCardData> {
    return this.exclusive(async () => {
      await this.selectApplication(signal);
      const ef05 = await this.readFile(CARD_FILES.EF05, signal);
      const ef06 = await this.readFile(CARD_FILES.EF06, signal);
      const fields = parseCardRecords(ef05, ef06);
      const status = await this.send(readBinary(CARD_FILES.EF19.sfi, 0, 2), signal);
      // the tries left before any PIN is typed: the PIN screen says a count an earlier session left short
      const pinTriesLeft = await this.askPinTriesLeft(signal);
      return {
        ...fields,
        ...(status.sw === SW.OK && status.data.length >= 1 ? { recordsUnprinted: status.data[0] ?? 0 } : {}),
        ...(pinTriesLeft !== undefined ? { pinTriesLeft } : {}),
      };
    });
  }

  async verifyPin(pin: SecurePin, signal?: AbortSignal): Promise<PinVerification> {
    return this.exclusive(async () => {
      await this.selectApplication(signal);
      const command = pin.useDigits((d) => encodeCommand(verifyPinCommand(pinBlock(d))));
      const reply = await this.sendPinCommand(command, signal);
      this.refuseLockFromBefore(reply.sw);
      return pinOutcome(reply.sw, 'the PIN');
    });
  }

  async changePin(oldPin: SecurePin, newPin: SecurePin, signal?: AbortSignal): Promise<PinVerification> {
    return this.exclusive(async () => {
      await this.selectApplication(signal);
      const command = oldPin.useDigits((o) =>
        newPin.useDigits((n) => encodeCommand(changePinCommand(pinBlock(o), pinBlock(n)))),
      );
      const reply = await this.sendPinCommand(command, signal);
      this.refuseLockFromBefore(reply.sw);
      if (reply.sw === SW.WRONG_DATA) {
        throw new KioskError(ErrorCode.PIN_WEAK, 'The card does not accept this new PIN.');
      }
      return pinOutcome(reply.sw, 'the PIN change');
    });
  }

  async logTransaction(entry: CardTransaction, signal?: AbortSignal): Promise<void> {
    const record = encodeLogRecord(entry);
    await this.exclusive(async () => {
      await this.selectApplication(signal);
      const reply = await this.send(appendRecord(CARD_FILES.EF18.sfi, record), signal);
      if (reply.sw === SW.CONDITIONS_NOT_SATISFIED) {
        throw new KioskError(
          ErrorCode.CARD_RECORDS_PRINT_REQUIRED,
          'The card holds 60 unprinted records; print them before using the card again.',
        );
      }
      expectOk(reply.sw, 'the transaction log entry');
    });
  }

  async readTransactions(signal?: AbortSignal): Promise<CardTransaction[]> {
    return this.exclusive(async () => {
      await this.selectApplication(signal);
      const reply = await this.send(readRecordsFrom(CARD_FILES.EF18.sfi, 1), signal);
      if (reply.sw === SW.RECORD_NOT_FOUND) return [];
      expectOk(reply.sw, 'reading the transaction log');
      const out: CardTransaction[] = [];
      for (let i = 0; i + LOG_RECORD_LENGTH <= reply.data.length; i += LOG_RECORD_LENGTH) {
        out.push(parseLogRecord(reply.data.subarray(i, i + LOG_RECORD_LENGTH)));
      }
      return out;
    });
  }

  async markRecordsPrinted(signal?: AbortSignal): Promise<void> {
    await this.exclusive(async () => {
      await this.selectApplication(signal);
      expectOk((await this.send(markRecordsPrinted(), signal)).sw, 'clearing the record counter');
    });
  }

  // ------------------------------------------------------------ plumbing

  protected async selectApplication(signal?: AbortSignal, again = false): Promise<void> {
    if (this.applicationSelected && !again) return;
    if (!this.connected) {
      this.atr = atrHex(await this.link.connect(signal));
      this.connected = true;
    }
    expectSocialSecuritySelected(await this.send(selectApplication(), signal));
    this.applicationSelected = true;
  }

  protected async readFile(
    file: { sfi: number; firstRecord: number },
    signal?: AbortSignal,
  ): Promise<Buffer> {
    return cardFileData(await this.send(readRecordsFrom(file.sfi, file.firstRecord), signal));
  }

  /**
   * The tries left, asked with VERIFY without a PIN (none spent): advice for the PIN screen, asked
   * only of a card type listed (`pinTriesQueryAtrs`), as no answer tells a chip that spent a try on
   * the query from one that did not; any other card's count comes from its answer to the PIN. A card
   * silent to it or answering no APDU gives no count, the read stands (the next command powers it up
   * again); a card pulled, a reader lost or busy, and an abort end the read, as for any command.
   */
  private async askPinTriesLeft(signal?: AbortSignal): Promise<number | undefined> {
    if (this.atr === undefined || !this.pinTriesQueryAtrs.has(this.atr)) return undefined;
    try {
      return pinTriesLeftOf((await this.send(pinTriesQuery(), signal)).sw);
    } catch (e) {
      if (signal?.aborted || READ_ENDING.some((code) => KioskError.is(e, code))) throw e;
      return undefined;
    }
  }

  /**
   * The card's answer `sw` to a PIN (VERIFY, CHANGE REFERENCE DATA): 69 83 to the power-up's first
   * is a lock from before (the PIN refused unchecked, none spent), PIN_ALREADY_BLOCKED as the read's
   * query says of a card type it asks; a type not asked meets it here, and it is no new lock (ADR
   * 0006). After a PIN answered, 69 83 may be the power-up's own lock: the caller's verdict.
   */
  private refuseLockFromBefore(sw: number): void {
    const lockedBefore = sw === SW.AUTH_METHOD_BLOCKED && !this.pinAnswered;
    this.pinAnswered = true;
    if (lockedBefore) throw pinLockedBefore();
  }

  /** The coded error of any status word but 90 00 (`expectOk` of chip-answer-words), for subclasses. */
  protected expectOk(sw: number, what: string): void {
    expectOk(sw, what);
  }

  /**
   * One exchange of a command that carries a PIN block (VERIFY, CHANGE REFERENCE DATA, RESET RETRY
   * COUNTER): its bytes are zeroed once the card answered, and also when it did not (pulled, silent,
   * the link lost), so no PIN block stays in memory after a failed command.
   */
  protected async sendPinCommand(command: Buffer, signal?: AbortSignal): Promise<ResponseApdu> {
    try {
      return await this.sendRaw(command, signal);
    } finally {
      command.fill(0);
    }
  }

  protected send(command: CommandApdu, signal?: AbortSignal): Promise<ResponseApdu> {
    return this.sendRaw(encodeCommand(command), signal);
  }

  /**
   * One exchange, following 61 xx (GET RESPONSE) and 6C xx (wrong Le) as T=0 cards need; 6C xx
   * to a command without an Le is the card's answer, never a cue to rewrite its last byte.
   */
  protected async sendRaw(command: Buffer, signal?: AbortSignal): Promise<ResponseApdu> {
    let reply = await this.roundTrip(command, signal);
    if (reply.sw >> 8 === 0x6c && carriesLe(command)) {
      const again = Buffer.from(command);
      again[again.length - 1] = reply.sw & 0xff;
      try {
        reply = await this.roundTrip(again, signal);
      } finally {
        again.fill(0); // a copy of the command, wiped as a PIN command's would be
      }
    }
    let data = reply.data;
    while (reply.sw >> 8 === 0x61) {
      reply = await this.roundTrip(
        encodeCommand({ cla: 0x00, ins: INS.GET_RESPONSE, p1: 0, p2: 0, le: reply.sw & 0xff || 256 }),
        signal,
      );
      data = Buffer.concat([data, reply.data]);
    }
    return { data, sw: reply.sw };
  }

  private async roundTrip(command: Buffer, signal?: AbortSignal): Promise<ResponseApdu> {
    signal?.throwIfAborted();
    try {
      const bytes = await withDeadline(
        this.link.transmit(command, signal),
        this.transmitTimeoutMs,
        'APDU',
        signal,
      );
      return decodeResponse(bytes);
    } catch (e) {
      this.reset(); // power up and select again before the next command
      if (e instanceof KioskError || signal?.aborted) throw e;
      throw new KioskError(
        ErrorCode.DEVICE_PROTOCOL_ERROR,
        'The card answer could not be understood.',
        {},
        {
          cause: e,
        },
      );
    }
  }
}
