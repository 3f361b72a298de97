/**
 * PC/SC return codes seen on the card-reader path and what each means for the kiosk, as coded
 * KioskErrors. pcsclite puts the code in its error message: "SCardConnect error: ... (0x80100069)".
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { ChipLinkSetUpFailure } from './chip-link.js';

/** PC/SC return codes seen on this path. */
export const PCSC = {
  E_CANCELLED: 0x80100002,
  E_SHARING_VIOLATION: 0x8010000b,
  E_NO_SMARTCARD: 0x8010000c,
  E_PROTO_MISMATCH: 0x8010000f,
  E_NOT_READY: 0x80100010,
  E_NOT_TRANSACTED: 0x80100016,
  F_COMM_ERROR: 0x80100013,
  E_READER_UNAVAILABLE: 0x80100017,
  E_NO_SERVICE: 0x8010001d,
  E_UNKNOWN_READER: 0x80100009,
  W_UNRESPONSIVE_CARD: 0x80100066,
  W_UNPOWERED_CARD: 0x80100067,
  W_RESET_CARD: 0x80100068,
  W_REMOVED_CARD: 0x80100069,
  /** libpcsclite's word for pcscd closing the connection unanswered: it died mid-answer, or refused the client */
  W_SECURITY_VIOLATION: 0x8010006a,
} as const;

/** The PC/SC code inside a pcsclite error message ("... (0x80100069)"), if any. */
export function pcscCodeOf(error: unknown): number | undefined {
  const match = /0x([0-9a-f]{8})/i.exec(error instanceof Error ? error.message : String(error));
  return match?.[1] ? Number.parseInt(match[1], 16) : undefined;
}

/** A pcsclite error as a coded KioskError. */
export function kioskErrorOfPcsc(error: unknown, doing: string): KioskError {
  const code = pcscCodeOf(error);
  const make = (c: ErrorCode, message: string) =>
    new KioskError(c, message, { pcsc: code === undefined ? null : code.toString(16) }, { cause: error });
  switch (code) {
    case PCSC.E_NO_SMARTCARD:
    case PCSC.W_REMOVED_CARD:
      return make(ErrorCode.CARD_REMOVED, 'The card left the reader.');
    case PCSC.W_UNRESPONSIVE_CARD:
    case PCSC.W_UNPOWERED_CARD:
    case PCSC.E_PROTO_MISMATCH: // no usable answer to reset
      return make(ErrorCode.CARD_MUTE, 'The card does not answer; it may be damaged.');
    case PCSC.E_SHARING_VIOLATION:
      return make(ErrorCode.DEVICE_BUSY, 'Another program holds the card reader.');
    case PCSC.F_COMM_ERROR:
    case PCSC.E_NO_SERVICE:
    case PCSC.E_READER_UNAVAILABLE:
    case PCSC.E_UNKNOWN_READER:
    case PCSC.E_NOT_READY:
    case PCSC.W_SECURITY_VIOLATION: // pcscd hung up (as `askingPcscdFirst` says of it): not a fault of the reader
      return make(ErrorCode.DEVICE_OFFLINE, 'The card reader is not reachable.');
    default:
      return make(ErrorCode.DEVICE_HARDWARE_ERROR, `The card reader failed while ${doing}.`);
  }
}

/** The PC/SC return code of a pcsclite error in hex, as the log says it. */
export function pcscHexOf(error: unknown): string {
  return pcscCodeOf(error)?.toString(16) ?? 'no code';
}

/** A failed set-up of the PC/SC context as the link keeps it: coded as above, with its PC/SC code. */
export function setUpFailureOf(error: unknown, partway: boolean): ChipLinkSetUpFailure {
  const pcsc = pcscCodeOf(error);
  if (pcsc === undefined) return { code: KioskError.from(error).code, partway };
  const { code } = kioskErrorOfPcsc(error, 'setting up the PC/SC context');
  return { code, pcsc: pcsc.toString(16), partway };
}
