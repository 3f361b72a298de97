/**
 * The security side of the virtual card: the PIN with its retry counter (VERIFY, CHANGE
 * REFERENCE DATA, RESET RETRY COUNTER) and issuer authentication (GET CHALLENGE, EXTERNAL and
 * INTERNAL AUTHENTICATE) under the card key diversified from the issuer key. Holds the security
 * status of the current power-up; the PIN and its counter live in the card memory.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type CommandApdu, SW, swVerifyFailed } from '../apdu.protocol.js';
import {
  authenticationCryptogram,
  deriveCardKey,
  PIN_TRIES,
  pinDigitsOf,
} from '../social-security-card.protocol.js';
import { type CardMemory, hashPin, pinMatches } from './card-memory.js';
import { ok, refuse, type Reply } from './card-reply.js';

export class CardSecurityEmulator {
  private pinOk = false;
  private issuerOk = false;
  private challenge: Buffer | null = null;
  private readonly cardKey: Buffer;

  constructor(
    private readonly memory: CardMemory,
    issuerKey: Uint8Array,
    private readonly save: () => void,
    private readonly random: (size: number) => Buffer = randomBytes,
  ) {
    this.cardKey = deriveCardKey(issuerKey, Buffer.from(memory.chipSerial, 'hex'));
  }

  /** Security status is lost on reset and on selecting another DF. */
  reset(): void {
    this.pinOk = false;
    this.issuerOk = false;
    this.challenge = null;
  }

  /** the chip's own limit of wrong PINs in a row */
  private get tryLimit(): number {
    return this.memory.pinTryLimit ?? PIN_TRIES;
  }

  get pinVerified(): boolean {
    return this.pinOk;
  }

  get issuerAuthenticated(): boolean {
    return this.issuerOk;
  }

  // ------------------------------------------------------------------ PIN

  verify(apdu: CommandApdu, inApplication: boolean): Reply {
    if (apdu.p1 !== 0x00 || apdu.p2 !== 0x00) return refuse(SW.REFERENCE_DATA_NOT_FOUND);
    if (!inApplication) return refuse(SW.CONDITIONS_NOT_SATISFIED);
    if (!this.memory.pin) return refuse(SW.REFERENCE_DATA_NOT_USABLE);
    if (this.memory.pinTriesLeft <= 0) return refuse(SW.AUTH_METHOD_BLOCKED);
    if (!apdu.data || apdu.data.length === 0) {
      if (this.memory.spendsTryOnTriesQuery === true) return this.wrongPin();
      return this.pinOk ? ok() : refuse(swVerifyFailed(this.memory.pinTriesLeft));
    }
    return this.checkPin(apdu.data);
  }

  private checkPin(block: Uint8Array): Reply {
    const digits = pinDigitsOf(block);
    if (!digits || digits.length < 4 || !this.memory.pin) return refuse(SW.WRONG_DATA);
    if (pinMatches(this.memory.pin, digits)) {
      if (this.memory.pinTriesLeft !== this.tryLimit) {
        this.memory.pinTriesLeft = this.tryLimit;
        this.save();
      }
      this.pinOk = true;
      return ok();
    }
    return this.wrongPin();
  }

  /** A wrong PIN: one try spent, the security status lost. */
  private wrongPin(): Reply {
    this.pinOk = false;
    this.memory.pinTriesLeft -= 1;
    this.save();
    return refuse(swVerifyFailed(this.memory.pinTriesLeft));
  }

  private setPin(block: Uint8Array): Reply {
    const digits = pinDigitsOf(block);
    if (!digits || digits.length < 4 || digits.length > 12) return refuse(SW.WRONG_DATA);
    this.memory.pin = hashPin(digits);
    this.memory.pinTriesLeft = this.tryLimit;
    this.save();
    return ok();
  }

  changeReferenceData(apdu: CommandApdu, inApplication: boolean): Reply {
    if (apdu.p2 !== 0x00) return refuse(SW.REFERENCE_DATA_NOT_FOUND);
    if (!inApplication) return refuse(SW.CONDITIONS_NOT_SATISFIED);
    const data = Buffer.from(apdu.data ?? []);
    if (apdu.p1 === 0x01) {
      if (!this.issuerOk) return refuse(SW.SECURITY_NOT_SATISFIED);
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

  resetRetryCounter(apdu: CommandApdu): Reply {
    if (apdu.p2 !== 0x00) return refuse(SW.REFERENCE_DATA_NOT_FOUND);
    if (apdu.p1 !== 0x02 && apdu.p1 !== 0x03) return refuse(SW.INCORRECT_P1_P2);
    if (!this.issuerOk) return refuse(SW.SECURITY_NOT_SATISFIED);
    if (apdu.p1 === 0x02) return this.setPin(Buffer.from(apdu.data ?? []));
    if (!this.memory.pin) return refuse(SW.REFERENCE_DATA_NOT_USABLE);
    this.memory.pinTriesLeft = this.tryLimit;
    this.save();
    return ok();
  }

  // ------------------------------------------------------------------ issuer authentication

  getChallenge(apdu: CommandApdu): Reply {
    if (apdu.le !== 8) return refuse(SW.WRONG_LENGTH);
    this.challenge = this.random(8);
    return ok(this.challenge);
  }

  externalAuthenticate(apdu: CommandApdu): Reply {
    const challenge = this.challenge;
    this.challenge = null;
    if (!challenge) return refuse(SW.CONDITIONS_NOT_SATISFIED);
    if (apdu.p2 !== 0x01) return refuse(SW.REFERENCE_DATA_NOT_FOUND);
    if (apdu.data?.length !== 16) return refuse(SW.WRONG_LENGTH);
    const expected = authenticationCryptogram(this.cardKey, challenge);
    if (!timingSafeEqual(expected, Buffer.from(apdu.data))) {
      this.issuerOk = false;
      return refuse(0x6300);
    }
    this.issuerOk = true;
    return ok();
  }

  internalAuthenticate(apdu: CommandApdu): Reply {
    if (apdu.p2 !== 0x01) return refuse(SW.REFERENCE_DATA_NOT_FOUND);
    if (apdu.data?.length !== 8) return refuse(SW.WRONG_LENGTH);
    return ok(authenticationCryptogram(this.cardKey, apdu.data));
  }
}
