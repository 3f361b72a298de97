/**
 * The chip station's side of the card: issuer operations under the issuer key, after mutual
 * authentication (the card proves itself by INTERNAL AUTHENTICATE, the terminal by GET
 * CHALLENGE / EXTERNAL AUTHENTICATE): personalisation of a blank and PIN unblocking.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { SecurePin } from '../common/secure-pin.js';
import { encodeCommand, parseTlv } from './apdu.protocol.js';
import type { SocialSecurityCardData } from './card-reader.port.js';
import { type CardRecordFields, encodeCardRecords } from './card-records.protocol.js';
import { ChipSession } from './chip-session.js';
import {
  authenticationCryptogram,
  CARD_FILES,
  deriveCardKey,
  externalAuthenticate,
  getChallenge,
  internalAuthenticate,
  pinBlock,
  readRecord,
  resetRetryCounter,
  updateRecord,
} from './social-security-card.protocol.js';

export class IssuerChipSession extends ChipSession {
  /**
   * Mutual authentication under the issuer key: the card proves itself (INTERNAL AUTHENTICATE),
   * then the terminal does (GET CHALLENGE / EXTERNAL AUTHENTICATE). Call inside `exclusive`.
   */
  async authenticateIssuer(issuerKey: Uint8Array, signal?: AbortSignal): Promise<void> {
    await this.authenticateCard((identifier) => deriveCardKey(issuerKey, identifier), signal);
  }

  /**
   * The same mutual authentication with the card's own key, as the host hands it out for one card
   * (the issuer key stays at the host). Call inside `exclusive`.
   */
  async authenticateWithCardKey(cardKey: Uint8Array, signal?: AbortSignal): Promise<void> {
    if (cardKey.length !== 16) {
      throw new KioskError(ErrorCode.INTERNAL, 'A card key is 16 bytes.');
    }
    await this.authenticateCard(() => Buffer.from(cardKey), signal);
  }

  private async authenticateCard(
    cardKeyOf: (identifier: Uint8Array) => Buffer,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.selectApplication(signal, true);
    const serial = await this.send(readRecord(CARD_FILES.EF05.sfi, 1), signal);
    this.expectOk(serial.sw, 'reading the chip serial');
    const identifier = parseTlv(serial.data)[0]?.value;
    if (!identifier || identifier.length !== 16) {
      throw new KioskError(ErrorCode.CARD_DATA_CORRUPT, 'The chip serial is unreadable.', {
        field: 'cardIdentifier',
      });
    }
    const cardKey = cardKeyOf(identifier);
    try {
      const mine = randomBytes(8);
      const proof = await this.send(internalAuthenticate(mine), signal);
      this.expectOk(proof.sw, 'internal authentication');
      if (proof.data.length !== 16 || !timingSafeEqual(proof.data, authenticationCryptogram(cardKey, mine))) {
        throw new KioskError(ErrorCode.CARD_NOT_SOCIAL_SECURITY, 'The card failed authentication.');
      }
      const challenge = await this.send(getChallenge(), signal);
      this.expectOk(challenge.sw, 'the challenge');
      const done = await this.send(
        externalAuthenticate(authenticationCryptogram(cardKey, challenge.data)),
        signal,
      );
      this.expectOk(done.sw, 'external authentication');
    } finally {
      cardKey.fill(0);
    }
  }

  /** Writes EF05/EF06 and sets the PIN (default 123456 for a new card), then reads them back. */
  async personalise(
    issuerKey: Uint8Array,
    fields: CardRecordFields,
    initialPin: SecurePin,
    signal?: AbortSignal,
  ): Promise<SocialSecurityCardData> {
    await this.exclusive(async () => {
      await this.authenticateIssuer(issuerKey, signal);
      for (const [n, record] of encodeCardRecords(fields)) {
        if (n === 1) continue; // the chip serial is the manufacturer's
        const sfi = n <= CARD_FILES.EF05.lastRecord ? CARD_FILES.EF05.sfi : CARD_FILES.EF06.sfi;
        this.expectOk((await this.send(updateRecord(sfi, n, record), signal)).sw, `writing record ${n}`);
      }
      const command = initialPin.useDigits((d) => encodeCommand(resetRetryCounter(pinBlock(d))));
      const reply = await this.sendPinCommand(command, signal);
      this.expectOk(reply.sw, 'setting the PIN');
      this.applicationSelected = false;
    });
    return this.readCard(signal);
  }

  /**
   * RESET RETRY COUNTER with a new PIN under the card key the host handed out for this card (the
   * resident's reader: ID card and face matched, the issuer key never leaves the host).
   */
  async resetPinWithCardKey(cardKey: Uint8Array, newPin: SecurePin, signal?: AbortSignal): Promise<void> {
    await this.exclusive(async () => {
      await this.authenticateWithCardKey(cardKey, signal);
      const command = newPin.useDigits((d) => encodeCommand(resetRetryCounter(pinBlock(d))));
      const reply = await this.sendPinCommand(command, signal);
      this.expectOk(reply.sw, 'the PIN reset');
      this.applicationSelected = false;
    });
  }

  /** Unblocks the PIN under the issuer key (after ID card and face match), optionally setting a new one. */
  async resetPin(issuerKey: Uint8Array, newPin?: SecurePin, signal?: AbortSignal): Promise<void> {
    await this.exclusive(async () => {
      await this.authenticateIssuer(issuerKey, signal);
      const command = newPin
        ? newPin.useDigits((d) => encodeCommand(resetRetryCounter(pinBlock(d))))
        : encodeCommand(resetRetryCounter());
      const reply = await this.sendPinCommand(command, signal);
      this.expectOk(reply.sw, 'the PIN reset');
      this.applicationSelected = false;
    });
  }
}
