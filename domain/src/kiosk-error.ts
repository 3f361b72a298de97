/**
 * One coded error for the whole kiosk. The `code` is what the UI translates, the journal records
 * and the fleet counts; the message says what happened and what to do. Never put a PIN, a full ID
 * number or a key into a message or into `details`.
 */
export const ErrorCode = {
  // configuration
  CONFIG_FILE_MISSING: 'CONFIG_FILE_MISSING',
  CONFIG_PARSE_FAILED: 'CONFIG_PARSE_FAILED',
  CONFIG_INVALID: 'CONFIG_INVALID',
  // gateway (socket.io border)
  GATEWAY_MALFORMED_MESSAGE: 'GATEWAY_MALFORMED_MESSAGE',
  GATEWAY_MESSAGE_TOO_LARGE: 'GATEWAY_MESSAGE_TOO_LARGE',
  GATEWAY_UNKNOWN_EVENT: 'GATEWAY_UNKNOWN_EVENT',
  GATEWAY_NOT_ALLOWED: 'GATEWAY_NOT_ALLOWED',
  // session and journeys
  SESSION_BUSY: 'SESSION_BUSY',
  SESSION_NOT_FOUND: 'SESSION_NOT_FOUND',
  SESSION_TIMED_OUT: 'SESSION_TIMED_OUT',
  SESSION_CANCELLED: 'SESSION_CANCELLED',
  JOURNEY_NOT_OFFERED: 'JOURNEY_NOT_OFFERED',
  // resident identity
  ID_NUMBER_MALFORMED: 'ID_NUMBER_MALFORMED',
  ID_NUMBER_CHECKSUM: 'ID_NUMBER_CHECKSUM',
  ID_NUMBER_BAD_DATE: 'ID_NUMBER_BAD_DATE',
  ID_NUMBER_UNKNOWN_REGION: 'ID_NUMBER_UNKNOWN_REGION',
  // social-security card
  CARD_UNREADABLE: 'CARD_UNREADABLE',
  CARD_MUTE: 'CARD_MUTE',
  CARD_REMOVED: 'CARD_REMOVED',
  CARD_NOT_SOCIAL_SECURITY: 'CARD_NOT_SOCIAL_SECURITY',
  CARD_EXPIRED: 'CARD_EXPIRED',
  CARD_NOT_ACTIVE: 'CARD_NOT_ACTIVE',
  CARD_OTHER_REGION: 'CARD_OTHER_REGION',
  CARD_DATA_CORRUPT: 'CARD_DATA_CORRUPT',
  CARD_RECORDS_PRINT_REQUIRED: 'CARD_RECORDS_PRINT_REQUIRED',
  CARD_NOT_TAKEN_RETRACTED: 'CARD_NOT_TAKEN_RETRACTED',
  CARD_NOT_FOUND: 'CARD_NOT_FOUND',
  ID_MISMATCH: 'ID_MISMATCH',
  CARD_STATE_CONFLICT: 'CARD_STATE_CONFLICT',
  // PIN (never carries the PIN itself)
  PIN_WRONG: 'PIN_WRONG',
  PIN_BLOCKED: 'PIN_BLOCKED',
  PIN_WEAK: 'PIN_WEAK',
  PIN_MISMATCH: 'PIN_MISMATCH',
  PIN_ENTRY_CANCELLED: 'PIN_ENTRY_CANCELLED',
  PIN_BLOCK_PAN_INVALID: 'PIN_BLOCK_PAN_INVALID',
  // back office
  HOST_UNREACHABLE: 'HOST_UNREACHABLE',
  HOST_TIMEOUT: 'HOST_TIMEOUT',
  HOST_UNAUTHORIZED: 'HOST_UNAUTHORIZED',
  HOST_REJECTED: 'HOST_REJECTED',
  HOST_BAD_RESPONSE: 'HOST_BAD_RESPONSE',
  HOST_BAD_REQUEST: 'HOST_BAD_REQUEST',
  HOST_ROUTE_NOT_FOUND: 'HOST_ROUTE_NOT_FOUND',
  HOST_IDEMPOTENCY_KEY_REUSED: 'HOST_IDEMPOTENCY_KEY_REUSED',
  RESIDENT_NOT_FOUND: 'RESIDENT_NOT_FOUND',
  ACCOUNT_NOT_FOUND: 'ACCOUNT_NOT_FOUND',
  INSUFFICIENT_BALANCE: 'INSUFFICIENT_BALANCE',
  WITHDRAWAL_AMOUNT_INVALID: 'WITHDRAWAL_AMOUNT_INVALID',
  WITHDRAWAL_SINGLE_CAP_EXCEEDED: 'WITHDRAWAL_SINGLE_CAP_EXCEEDED',
  WITHDRAWAL_DAILY_CAP_EXCEEDED: 'WITHDRAWAL_DAILY_CAP_EXCEEDED',
  WITHDRAWAL_DAILY_COUNT_EXCEEDED: 'WITHDRAWAL_DAILY_COUNT_EXCEEDED',
  WITHDRAWAL_NOT_FOUND: 'WITHDRAWAL_NOT_FOUND',
  WITHDRAWAL_ALREADY_SETTLED: 'WITHDRAWAL_ALREADY_SETTLED',
  ANOMALY_BLOCKED: 'ANOMALY_BLOCKED',
  APPLICATION_NOT_FOUND: 'APPLICATION_NOT_FOUND',
  APPLICATION_STATE_CONFLICT: 'APPLICATION_STATE_CONFLICT',
  FEE_NOT_PAID: 'FEE_NOT_PAID',
  PAYMENT_NOT_FOUND: 'PAYMENT_NOT_FOUND',
  PAYMENT_STATE_CONFLICT: 'PAYMENT_STATE_CONFLICT',
  // devices
  DEVICE_OFFLINE: 'DEVICE_OFFLINE',
  DEVICE_BUSY: 'DEVICE_BUSY',
  DEVICE_TIMEOUT: 'DEVICE_TIMEOUT',
  DEVICE_HARDWARE_ERROR: 'DEVICE_HARDWARE_ERROR',
  DEVICE_PROTOCOL_ERROR: 'DEVICE_PROTOCOL_ERROR',
  DEVICE_SUPPLY_EMPTY: 'DEVICE_SUPPLY_EMPTY',
  DEVICE_BIN_FULL: 'DEVICE_BIN_FULL',
  DEVICE_OPERATION_CANCELLED: 'DEVICE_OPERATION_CANCELLED',
  // cash dispenser
  CASH_AMOUNT_NOT_PAYABLE: 'CASH_AMOUNT_NOT_PAYABLE',
  CASH_JAM: 'CASH_JAM',
  CASH_DOUBLE_NOTES: 'CASH_DOUBLE_NOTES',
  CASH_NOT_TAKEN: 'CASH_NOT_TAKEN',
  CASH_CASSETTE_MISSING: 'CASH_CASSETTE_MISSING',
  CASH_NOTHING_TO_PRESENT: 'CASH_NOTHING_TO_PRESENT',
  // resident ID card reader
  ID_CARD_ABSENT: 'ID_CARD_ABSENT',
  ID_CARD_UNREADABLE: 'ID_CARD_UNREADABLE',
  ID_CARD_EXPIRED: 'ID_CARD_EXPIRED',
  // face match
  FACE_NOT_DETECTED: 'FACE_NOT_DETECTED',
  // card printer
  CARD_PRINTER_JAM: 'CARD_PRINTER_JAM',
  CARD_PRINTER_NO_CARD: 'CARD_PRINTER_NO_CARD',
  // receipt printer (paper out is DEVICE_SUPPLY_EMPTY)
  PRINTER_COVER_OPEN: 'PRINTER_COVER_OPEN',
  PRINTER_CUTTER_ERROR: 'PRINTER_CUTTER_ERROR',
  RECEIPT_INVALID: 'RECEIPT_INVALID',
  // journal
  JOURNAL_WRITE_FAILED: 'JOURNAL_WRITE_FAILED',
  // anything not foreseen: still coded, never a raw stack to the UI
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

export class KioskError extends Error {
  override readonly name = 'KioskError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** A plain object safe to log, journal, send to the UI or publish to the fleet. */
  toJSON(): { code: ErrorCode; message: string; details: ErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }

  static is(value: unknown, code?: ErrorCode): value is KioskError {
    return value instanceof KioskError && (code === undefined || value.code === code);
  }

  /** Wraps anything thrown into a KioskError without leaking its message to residents. */
  static from(value: unknown, fallback: ErrorCode = ErrorCode.INTERNAL): KioskError {
    if (value instanceof KioskError) return value;
    return new KioskError(
      fallback,
      'An unexpected fault occurred; the kiosk stays in a safe state.',
      {},
      {
        cause: value,
      },
    );
  }
}
