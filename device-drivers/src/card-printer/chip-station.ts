/**
 * The card printer's chip station: the contact reader under the card once `feedToChipStation`
 * put a blank there, reached through a `ChipLink` (the second PC/SC slot, "Virtual PCD 00 01"
 * on pcscd with vpcd, or the in-process link). It reads the blank's chip serial (the host
 * diversifies the card key by it), personalises the chip under that key (mutual authentication,
 * EF05/EF06 written, the default PIN set), then reads everything back and compares it with what
 * was meant to be written, and checks the default PIN, before the face is printed. Its reach is
 * part of the card printer's status (`CardPrinterWithChipStation`): `fault()` says why it cannot
 * encode now (its reader not configured, not among pcscd's readers, pcscd not answering).
 */
import { type DeviceFault, ErrorCode, KioskError } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import type { SecurePin } from '../common/secure-pin.js';
import { encodeCommand, parseTlv } from '../card-reader/apdu.protocol.js';
import type { SocialSecurityCardData } from '../card-reader/card-reader.port.js';
import { type CardRecordFields, encodeCardRecords } from '../card-reader/card-records.protocol.js';
import { type ChipLink, type ChipLinkState, setUpFailureText } from '../card-reader/chip-link.js';
import { IssuerChipSession } from '../card-reader/issuer-chip-session.js';
import {
  CARD_FILES,
  pinBlock,
  readRecord,
  resetRetryCounter,
  updateRecord,
} from '../card-reader/social-security-card.protocol.js';

/** The fields written on the chip that must read back the same. */
const COMPARED: readonly (keyof CardRecordFields)[] = [
  'cardIdentifier',
  'cardType',
  'version',
  'issuingOrganisation',
  'issueDate',
  'expiryDate',
  'cardNumber',
  'idNumber',
  'name',
  'sex',
  'ethnicity',
  'birthPlace',
  'birthDate',
];

class ChipStationSession extends IssuerChipSession {
  async chipSerial(signal?: AbortSignal): Promise<string> {
    return this.exclusive(async () => {
      await this.selectApplication(signal, true);
      const reply = await this.send(readRecord(CARD_FILES.EF05.sfi, CARD_FILES.EF05.firstRecord), signal);
      this.expectOk(reply.sw, 'reading the chip serial');
      const serial = parseTlv(reply.data)[0]?.value;
      if (!serial || serial.length !== 16) {
        throw new KioskError(ErrorCode.CARD_DATA_CORRUPT, 'The blank has no readable chip serial.', {
          field: 'cardIdentifier',
        });
      }
      return Buffer.from(serial).toString('hex').toUpperCase();
    });
  }

  /** EF05/EF06 and the PIN under the card's own key (as the host hands it out). */
  async write(
    cardKey: Uint8Array,
    fields: CardRecordFields,
    pin: SecurePin,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.exclusive(async () => {
      await this.authenticateWithCardKey(cardKey, signal);
      for (const [n, record] of encodeCardRecords(fields)) {
        if (n === CARD_FILES.EF05.firstRecord) continue; // the chip serial is the manufacturer's
        const sfi = n <= CARD_FILES.EF05.lastRecord ? CARD_FILES.EF05.sfi : CARD_FILES.EF06.sfi;
        this.expectOk((await this.send(updateRecord(sfi, n, record), signal)).sw, `writing record ${n}`);
      }
      const command = pin.useDigits((d) => encodeCommand(resetRetryCounter(pinBlock(d))));
      const reply = await this.sendPinCommand(command, signal);
      this.expectOk(reply.sw, 'setting the PIN');
      this.applicationSelected = false;
    });
  }
}

const NOT_STARTED = "Card printer: the chip station's link could not be started";

export interface ChipStationOptions {
  readonly transmitTimeoutMs?: number;
  /** the PC/SC reader the station encodes on, as config names it (its fault names it) */
  readonly readerName?: string;
  /** known unusable whatever its link says (its reader not configured): its fault, always */
  readonly unusable?: DeviceFault;
  /** where a link that could not be started is said (the error's code only) */
  readonly log?: (message: string) => void;
}

export class ChipStation {
  /** the last check's link start threw (a fault of the link's own, not the reader's reach) */
  #startFault: DeviceFault | undefined;
  readonly #startFaultListeners = new Set<() => void>();

  constructor(
    private readonly link: ChipLink,
    private readonly options: ChipStationOptions = {},
  ) {}

  /**
   * Why the station cannot encode now, coded (DEVICE_OFFLINE), or undefined while it can as far as
   * its link knows: a link without a life of its own (in-process) always can; a PC/SC link can
   * while its reader is among pcscd's readers. A link whose start threw at the last check cannot,
   * with that error's code, until a check starts it.
   */
  fault(): DeviceFault | undefined {
    if (this.options.unusable) return this.options.unusable;
    if (this.#startFault) return this.#startFault;
    const state = this.link.state?.() ?? 'online';
    if (state === 'online') return undefined;
    const failed = state === 'offline' ? this.link.setUpFailure?.() : undefined;
    if (failed?.partway) return { code: failed.code, message: this.notStarted(setUpFailureText(failed)) };
    const why = failed ? ` ${setUpFailureText(failed)}` : '';
    const fault = { code: failed?.code ?? ErrorCode.DEVICE_OFFLINE, message: this.offline(state, why) };
    const reader = this.options.readerName;
    return state === 'noDevice' && reader !== undefined ? { ...fault, missingReader: reader } : fault;
  }

  /** The link's reach changed (its reader plugged or unplugged, pcscd lost or back), or its start. */
  onFaultChange(listener: () => void): Unsubscribe {
    const off = this.link.onState?.(() => listener());
    this.#startFaultListeners.add(listener);
    return () => {
      off?.();
      this.#startFaultListeners.delete(listener);
    };
  }

  /**
   * The station's part of a self test: its link started (the PC/SC context established), waiting
   * up to `waitMs` for its reader to show; then its fault. Never throws: a start that throws (a
   * fault of the link's own) is the station's fault, coded, and said in the log by its code; one
   * the caller's signal cut short leaves the reader's reach to say.
   */
  async check(waitMs: number, signal?: AbortSignal): Promise<DeviceFault | undefined> {
    if (this.options.unusable) return this.fault();
    try {
      await this.link.start?.(waitMs, signal);
      this.#setStartFault(undefined);
      // a link whose set-up failed partway kept nothing of it: said as a start that threw
      const failed = this.link.setUpFailure?.();
      if (failed?.partway) this.options.log?.(`${NOT_STARTED}: ${failed.code}`);
    } catch (e) {
      if (signal?.aborted) return this.fault();
      const { code } = KioskError.from(e);
      this.options.log?.(`${NOT_STARTED}: ${code}`);
      this.#setStartFault({ code, message: this.notStarted(`(${code})`) });
    }
    return this.fault();
  }

  #setStartFault(fault: DeviceFault | undefined): void {
    if (fault?.code === this.#startFault?.code) return;
    this.#startFault = fault;
    for (const listener of this.#startFaultListeners) listener();
  }

  /** `why`: "(CODE)", or "(CODE, PC/SC 0x...)" */
  private notStarted(why: string): string {
    const reader = this.options.readerName ? ` (its PC/SC reader "${this.options.readerName}")` : '';
    return (
      `The card printer's chip station${reader} could not be started ${why}; ` +
      'it is tried again at the next self test.'
    );
  }

  /** `why`: " (CODE, PC/SC 0x...)" when the link knows why pcscd does not answer */
  private offline(state: Exclude<ChipLinkState, 'online'>, why: string): string {
    const reader = this.options.readerName ? `"${this.options.readerName}"` : 'of the chip station';
    return state === 'noDevice'
      ? `The card printer's chip station is offline: its PC/SC reader ${reader} is not connected ` +
          '(unplugged, or devices.cardReader.chipStationReaderName does not name it).'
      : `The card printer's chip station is offline: the PC/SC service (pcscd) does not answer${why}.`;
  }

  /** A fresh session for the card now on the contacts (a new blank powers up anew). */
  private session(): ChipStationSession {
    return new ChipStationSession(this.link, this.options);
  }

  /** The serial of the blank on the contacts (32 hex digits): CARD_UNREADABLE when there is no contact. */
  readChipSerial(signal?: AbortSignal): Promise<string> {
    return this.session().chipSerial(signal);
  }

  /**
   * Personalises the blank and proves it: writes, reads back, compares field by field and checks
   * the initial PIN. CARD_MAKING_FAILED with `{ step: 'readBack', field }` when the chip holds
   * something else than was written; the chip's own refusals keep their codes.
   */
  async personalise(
    cardKey: Uint8Array,
    fields: CardRecordFields,
    initialPin: SecurePin,
    signal?: AbortSignal,
  ): Promise<SocialSecurityCardData> {
    const session = this.session();
    await session.write(cardKey, fields, initialPin, signal);
    const read = await session.readCard(signal);
    const differs = COMPARED.find((field) => read[field] !== fields[field]);
    if (differs) {
      throw new KioskError(ErrorCode.CARD_MAKING_FAILED, 'The chip does not hold what was written.', {
        step: 'readBack',
        field: differs,
      });
    }
    const verdict = await session.verifyPin(initialPin, signal);
    if (verdict.result !== 'ok') {
      throw new KioskError(ErrorCode.CARD_MAKING_FAILED, 'The chip does not take its initial PIN.', {
        step: 'readBack',
        field: 'pin',
      });
    }
    await this.link.disconnect();
    return read;
  }
}
