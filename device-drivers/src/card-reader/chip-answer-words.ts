/**
 * What the social-security application's status words mean to the kiosk: the outcome of a PIN
 * command, and the coded KioskError of each refusal. Pure functions of the card's answer; the
 * `ChipSession` sends the commands and asks these what came back.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { parseTlv, type ResponseApdu, SW, swHex, triesLeftOf } from './apdu.protocol.js';
import type { PinVerification } from './card-reader.port.js';
import { SOCIAL_SECURITY_DF_NAME } from './social-security-card.protocol.js';

const protocolError = (what: string, sw: number) =>
  new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, `The card refused ${what}.`, { sw: swHex(sw) });

const notSocialSecurity = () =>
  new KioskError(ErrorCode.CARD_NOT_SOCIAL_SECURITY, 'This is not a social-security card.');

/** Throws the coded error of any status word but 90 00 to the command that did `what`. */
export function expectOk(sw: number, what: string): void {
  if (sw === SW.OK) return;
  if (sw === SW.SECURITY_NOT_SATISFIED) {
    throw new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, `The card needs the PIN before ${what}.`, {
      sw: swHex(sw),
    });
  }
  if (sw === SW.AUTH_METHOD_BLOCKED) throw new KioskError(ErrorCode.PIN_BLOCKED, 'The card PIN is blocked.');
  throw protocolError(what, sw);
}

/** The outcome of VERIFY or CHANGE REFERENCE DATA (`what`), or the coded error of a refusal. */
export function pinOutcome(sw: number, what: string): PinVerification {
  if (sw === SW.OK) return { result: 'ok' };
  if (sw === SW.AUTH_METHOD_BLOCKED) return { result: 'blocked' };
  const left = triesLeftOf(sw);
  if (left === 0) return { result: 'blocked' };
  if (left !== undefined) return { result: 'wrong', attemptsLeft: left };
  if (sw === SW.REFERENCE_DATA_NOT_USABLE) {
    throw new KioskError(ErrorCode.CARD_NOT_ACTIVE, 'The card has no PIN yet; it must be activated.');
  }
  throw protocolError(what, sw);
}

/**
 * The answer to SELECT of the application: refused as not a social-security card when the card has
 * no such application, or its FCI names another DF.
 */
export function expectSocialSecuritySelected(reply: ResponseApdu): void {
  if (reply.sw === SW.FILE_NOT_FOUND || reply.sw === SW.FUNCTION_NOT_SUPPORTED) throw notSocialSecurity();
  expectOk(reply.sw, 'the application selection');
  if (reply.data.length > 0) {
    const fci = parseTlvSafe(reply.data);
    const name = fci && parseTlvSafe(fci.find((t) => t.tag === 0x6f)?.value ?? Buffer.alloc(0));
    const dfName = name?.find((t) => t.tag === 0x84)?.value;
    if (dfName && !dfName.equals(SOCIAL_SECURITY_DF_NAME)) throw notSocialSecurity();
  }
}

/** The answer to reading a card data file: its bytes, or the error of a card not personalised or unreadable. */
export function cardFileData(reply: ResponseApdu): Buffer {
  if (reply.sw === SW.RECORD_NOT_FOUND || reply.sw === SW.FILE_NOT_FOUND) {
    throw new KioskError(ErrorCode.CARD_DATA_CORRUPT, 'The card has not been personalised.', {
      sw: swHex(reply.sw),
    });
  }
  if (reply.sw === SW.MEMORY_FAILURE) {
    throw new KioskError(ErrorCode.CARD_UNREADABLE, 'The card memory cannot be read.');
  }
  expectOk(reply.sw, 'reading the card data');
  return reply.data;
}

function parseTlvSafe(bytes: Uint8Array) {
  try {
    return parseTlv(bytes);
  } catch {
    return undefined;
  }
}
