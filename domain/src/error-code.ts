/**
 * Every code a KioskError can carry (`kiosk-error.ts`), by the part of the kiosk it comes from: what
 * the UI translates, the journal records and the fleet counts.
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
  /** the demo panel asked for an image the daemon no longer holds (only the last two of each kind) */
  DEMO_IMAGE_NOT_FOUND: 'DEMO_IMAGE_NOT_FOUND',
  /** a part of the touch UI could not be fetched from the daemon within its tries (the staff screens) */
  UI_CHUNK_LOAD_FAILED: 'UI_CHUNK_LOAD_FAILED',
  // session and journeys
  SESSION_BUSY: 'SESSION_BUSY',
  SESSION_NOT_FOUND: 'SESSION_NOT_FOUND',
  SESSION_TIMED_OUT: 'SESSION_TIMED_OUT',
  SESSION_CANCELLED: 'SESSION_CANCELLED',
  SESSION_INTERRUPTED: 'SESSION_INTERRUPTED',
  // what boot recovery left for staff, the self test's cause (the journal closes with SESSION_INTERRUPTED)
  /**
   * recovery could not decide a withdrawal (the host away or undecided, the dispenser unable to say
   * whether notes left): money may be owed; a supervisor settles it (Withdrawals left for staff)
   */
  WITHDRAWAL_UNDECIDED: 'WITHDRAWAL_UNDECIDED',
  /**
   * recovery could not decide a card making (its new card, the handed-in card, or the office
   * away): staff look for the card and settle it (Card makings left for staff)
   */
  CARD_MAKING_UNDECIDED: 'CARD_MAKING_UNDECIDED',
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
  /** activation asked for a card activated before: its PIN is changed or reset instead */
  CARD_ALREADY_ACTIVE: 'CARD_ALREADY_ACTIVE',
  /** activation asked for a card the host holds as lost or temporarily lost: the loss journey or a counter */
  CARD_REPORTED_LOST: 'CARD_REPORTED_LOST',
  /** activation asked for a card the host holds as cancelled: it is never used again */
  CARD_CANCELLED: 'CARD_CANCELLED',
  /**
   * a new card's activation left unfinished: its chip may hold (or holds) a new PIN the host never
   * activated (the card pulled while the PIN was written, or the default PIN found gone on a card
   * the host holds as new); a PIN reset with the ID card sets the PIN and activates it
   */
  ACTIVATION_UNFINISHED: 'ACTIVATION_UNFINISHED',
  CARD_OTHER_REGION: 'CARD_OTHER_REGION',
  CARD_DATA_CORRUPT: 'CARD_DATA_CORRUPT',
  CARD_RECORDS_PRINT_REQUIRED: 'CARD_RECORDS_PRINT_REQUIRED',
  CARD_NOT_TAKEN_RETRACTED: 'CARD_NOT_TAKEN_RETRACTED',
  /**
   * the card was not taken and the reader cannot capture it (a motorless presence reader, no
   * capture bin): it stays in the slot, journaled (card.leftInSlot), until someone takes it
   */
  CARD_LEFT_IN_SLOT: 'CARD_LEFT_IN_SLOT',
  CARD_NOT_FOUND: 'CARD_NOT_FOUND',
  ID_MISMATCH: 'ID_MISMATCH',
  CARD_STATE_CONFLICT: 'CARD_STATE_CONFLICT',
  CARD_CHIP_MISMATCH: 'CARD_CHIP_MISMATCH',
  // PIN (never carries the PIN itself)
  PIN_WRONG: 'PIN_WRONG',
  PIN_BLOCKED: 'PIN_BLOCKED',
  /**
   * the card's PIN was locked already when the card was read (VERIFY without a PIN: 69 83), by an
   * earlier session or elsewhere: no PIN is asked, the card goes back (reset with ID card and face)
   */
  PIN_ALREADY_BLOCKED: 'PIN_ALREADY_BLOCKED',
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
  // a value the kiosk does not know in a list of the host's that decides an action (ADR 0013):
  // the action stops, nothing is guessed
  HOST_UNKNOWN_CARD_STATE: 'HOST_UNKNOWN_CARD_STATE',
  HOST_UNKNOWN_APPLICATION: 'HOST_UNKNOWN_APPLICATION',
  HOST_UNKNOWN_PAYMENT_STATUS: 'HOST_UNKNOWN_PAYMENT_STATUS',
  HOST_UNKNOWN_WITHDRAWAL_STATUS: 'HOST_UNKNOWN_WITHDRAWAL_STATUS',
  // a host act owed past the journal's retention and its grace, given up (ADR 0025)
  HOST_ACT_ABANDONED: 'HOST_ACT_ABANDONED',
  RESIDENT_NOT_FOUND: 'RESIDENT_NOT_FOUND',
  ACCOUNT_NOT_FOUND: 'ACCOUNT_NOT_FOUND',
  INSUFFICIENT_BALANCE: 'INSUFFICIENT_BALANCE',
  WITHDRAWAL_AMOUNT_INVALID: 'WITHDRAWAL_AMOUNT_INVALID',
  WITHDRAWAL_SINGLE_CAP_EXCEEDED: 'WITHDRAWAL_SINGLE_CAP_EXCEEDED',
  WITHDRAWAL_DAILY_CAP_EXCEEDED: 'WITHDRAWAL_DAILY_CAP_EXCEEDED',
  WITHDRAWAL_DAILY_COUNT_EXCEEDED: 'WITHDRAWAL_DAILY_COUNT_EXCEEDED',
  WITHDRAWAL_NOT_NOTE_MULTIPLE: 'WITHDRAWAL_NOT_NOTE_MULTIPLE',
  WITHDRAWAL_SPECIAL_AT_COUNTER: 'WITHDRAWAL_SPECIAL_AT_COUNTER',
  WITHDRAWAL_NOT_FOUND: 'WITHDRAWAL_NOT_FOUND',
  WITHDRAWAL_ALREADY_SETTLED: 'WITHDRAWAL_ALREADY_SETTLED',
  /**
   * field staff counted a withdrawal paid above what the host still held (the host gave part back
   * by itself): only the hold confirmed, the difference cash out of the kiosk nobody charged, the
   * back office's to reconcile (ADR 0020); a fleet anomaly
   */
  WITHDRAWAL_PAID_ABOVE_HOLD: 'WITHDRAWAL_PAID_ABOVE_HOLD',
  ANOMALY_BLOCKED: 'ANOMALY_BLOCKED',
  // the host's anomaly verdicts, told to the fleet (never to the resident): one code per rule
  ANOMALY_PIN_FAILURES: 'ANOMALY_PIN_FAILURES',
  ANOMALY_NEAR_CAP_DAYS: 'ANOMALY_NEAR_CAP_DAYS',
  ANOMALY_SAME_CARD_TWO_KIOSKS: 'ANOMALY_SAME_CARD_TWO_KIOSKS',
  ANOMALY_RETRACTED_CASH: 'ANOMALY_RETRACTED_CASH',
  APPLICATION_NOT_FOUND: 'APPLICATION_NOT_FOUND',
  APPLICATION_STATE_CONFLICT: 'APPLICATION_STATE_CONFLICT',
  FEE_NOT_PAID: 'FEE_NOT_PAID',
  PAYMENT_NOT_FOUND: 'PAYMENT_NOT_FOUND',
  PAYMENT_STATE_CONFLICT: 'PAYMENT_STATE_CONFLICT',
  /** the kiosk closed the QR payment order (it gave up waiting): it can no longer be paid */
  PAYMENT_ORDER_CLOSED: 'PAYMENT_ORDER_CLOSED',
  // devices
  DEVICE_OFFLINE: 'DEVICE_OFFLINE',
  DEVICE_BUSY: 'DEVICE_BUSY',
  DEVICE_TIMEOUT: 'DEVICE_TIMEOUT',
  DEVICE_HARDWARE_ERROR: 'DEVICE_HARDWARE_ERROR',
  DEVICE_PROTOCOL_ERROR: 'DEVICE_PROTOCOL_ERROR',
  DEVICE_SUPPLY_EMPTY: 'DEVICE_SUPPLY_EMPTY',
  DEVICE_BIN_FULL: 'DEVICE_BIN_FULL',
  DEVICE_OPERATION_CANCELLED: 'DEVICE_OPERATION_CANCELLED',
  // card reader (the card's own faults are under social-security card)
  /** the card is stuck in the reader's mechanism (jammed on its way to the slot): staff open the reader */
  CARD_READER_JAM: 'CARD_READER_JAM',
  /**
   * at boot the card reader had not said, within its wait, whether the card of a cut-short session
   * is inside (a reader without a motor listed late): the card left for staff, the kiosk out of service
   */
  CARD_POSITION_UNKNOWN: 'CARD_POSITION_UNKNOWN',
  // cash dispenser
  CASH_AMOUNT_NOT_PAYABLE: 'CASH_AMOUNT_NOT_PAYABLE',
  CASH_JAM: 'CASH_JAM',
  CASH_DOUBLE_NOTES: 'CASH_DOUBLE_NOTES',
  CASH_NOT_TAKEN: 'CASH_NOT_TAKEN',
  /**
   * the retract after the take timeout took back fewer notes than were presented (the rest taken as
   * it ran): neither reversed nor confirmed, left for staff with the counts
   */
  CASH_PARTLY_TAKEN: 'CASH_PARTLY_TAKEN',
  CASH_CASSETTE_MISSING: 'CASH_CASSETTE_MISSING',
  CASH_NOTHING_TO_PRESENT: 'CASH_NOTHING_TO_PRESENT',
  // resident ID card reader
  ID_CARD_ABSENT: 'ID_CARD_ABSENT',
  ID_CARD_UNREADABLE: 'ID_CARD_UNREADABLE',
  ID_CARD_EXPIRED: 'ID_CARD_EXPIRED',
  /** the ID card was taken off the reader while a journey still needed it (the fee): abandoned */
  ID_CARD_REMOVED: 'ID_CARD_REMOVED',
  // face match
  FACE_NOT_DETECTED: 'FACE_NOT_DETECTED',
  FACE_NOT_MATCHED: 'FACE_NOT_MATCHED',
  // card printer
  CARD_PRINTER_JAM: 'CARD_PRINTER_JAM',
  CARD_PRINTER_NO_CARD: 'CARD_PRINTER_NO_CARD',
  CARD_MAKING_FAILED: 'CARD_MAKING_FAILED',
  CARD_PRINTER_COVER_OPEN: 'CARD_PRINTER_COVER_OPEN',
  // receipt printer (paper out is DEVICE_SUPPLY_EMPTY)
  PRINTER_COVER_OPEN: 'PRINTER_COVER_OPEN',
  PRINTER_CUTTER_ERROR: 'PRINTER_CUTTER_ERROR',
  RECEIPT_INVALID: 'RECEIPT_INVALID',
  // journal
  JOURNAL_WRITE_FAILED: 'JOURNAL_WRITE_FAILED',
  JOURNAL_READ_FAILED: 'JOURNAL_READ_FAILED',
  JOURNAL_KEY_MISSING: 'JOURNAL_KEY_MISSING',
  JOURNAL_KEY_INVALID: 'JOURNAL_KEY_INVALID',
  JOURNAL_SEAL_BROKEN: 'JOURNAL_SEAL_BROKEN',
  JOURNAL_BAD_RECORD: 'JOURNAL_BAD_RECORD',
  /** another process (a running daemon, a key rotation) holds the journal: stop it first */
  JOURNAL_IN_USE: 'JOURNAL_IN_USE',
  /** the journal's file or database could not be opened at boot, after waiting for it */
  JOURNAL_OPEN_FAILED: 'JOURNAL_OPEN_FAILED',
  // fleet telemetry (MQTT between kiosk and fleet monitor, the monitor's API)
  FLEET_BAD_REQUEST: 'FLEET_BAD_REQUEST',
  FLEET_KIOSK_UNKNOWN: 'FLEET_KIOSK_UNKNOWN',
  FLEET_ALERT_UNKNOWN: 'FLEET_ALERT_UNKNOWN',
  FLEET_LOGIN_FAILED: 'FLEET_LOGIN_FAILED',
  FLEET_EXTRACT_UNKNOWN: 'FLEET_EXTRACT_UNKNOWN',
  JOURNAL_EXTRACT_TOO_LARGE: 'JOURNAL_EXTRACT_TOO_LARGE',
  // field staff (maintenance)
  STAFF_LOGIN_FAILED: 'STAFF_LOGIN_FAILED',
  STAFF_NOT_LOGGED_IN: 'STAFF_NOT_LOGGED_IN',
  /** logged in, but the action needs another role (cash and settlements: supervisor) */
  STAFF_ROLE_NOT_ALLOWED: 'STAFF_ROLE_NOT_ALLOWED',
  /** a count staff entered (or the device's own) disagrees with the journal's */
  MAINTENANCE_COUNT_MISMATCH: 'MAINTENANCE_COUNT_MISMATCH',
  /** the device has no such refillable supply or bin */
  MAINTENANCE_SUPPLY_UNKNOWN: 'MAINTENANCE_SUPPLY_UNKNOWN',
  /** a fault staff cleared is still there after the device's self test */
  MAINTENANCE_FAULT_PERSISTS: 'MAINTENANCE_FAULT_PERSISTS',
  /** an undecided card making or withdrawal settled already: its verdict stands (another one is refused) */
  MAINTENANCE_ALREADY_SETTLED: 'MAINTENANCE_ALREADY_SETTLED',
  /** that settlement is being given right now (another request, or the self test's recovery) */
  MAINTENANCE_SETTLEMENT_IN_PROGRESS: 'MAINTENANCE_SETTLEMENT_IN_PROGRESS',
  /**
   * the kiosk is still settling what it was doing before it started (the self test's recovery, or a
   * late settlement once a device answers again) on the devices staff would act on: a device act
   * is refused, nothing journaled, and offered again once it has finished
   */
  MAINTENANCE_KIOSK_SETTLING: 'MAINTENANCE_KIOSK_SETTLING',
  /**
   * a refill would put more into a cassette or the card hopper than it holds (the profile's
   * cassetteCapacity, hopperCapacity), or a replacement more than one holds (a printer's one roll
   * of paper): refused, nothing journaled or loaded
   */
  MAINTENANCE_OVER_CAPACITY: 'MAINTENANCE_OVER_CAPACITY',
  /**
   * the amount a supervisor counted taken of a withdrawal (verdict `taken`) is no amount the kiosk
   * can have paid: not a whole number of fen, more than the notes presented, or no amount the notes
   * make; nothing journaled, nothing moved: count again
   */
  MAINTENANCE_SETTLEMENT_AMOUNT_INVALID: 'MAINTENANCE_SETTLEMENT_AMOUNT_INVALID',
  /**
   * a withdrawal left for staff whose hold the host ended by itself (expired, or released at the
   * back office): journaled with what the host says (paid, given back), no verdict taken
   */
  MAINTENANCE_SETTLED_BY_HOST: 'MAINTENANCE_SETTLED_BY_HOST',
  /**
   * a refill or bin emptying of this supply was cut off by a restart and nobody confirmed yet
   * whether it happened: staff confirm that one first (it names its transaction)
   */
  MAINTENANCE_SUPPLY_UNSETTLED: 'MAINTENANCE_SUPPLY_UNSETTLED',
  /**
   * the device did not answer a refill or bin emptying in time (`timeouts.supplyActMs`): whether it
   * took the act is not known, so it is left for staff to confirm, as one cut off by a restart is
   */
  MAINTENANCE_SUPPLY_ACT_TIMEOUT: 'MAINTENANCE_SUPPLY_ACT_TIMEOUT',
  /**
   * an answer to a supply act left for staff named only the visit's transaction, and that visit
   * left more than one act: which one is meant cannot be told (name it by its device and supply)
   */
  MAINTENANCE_SUPPLY_ACT_AMBIGUOUS: 'MAINTENANCE_SUPPLY_ACT_AMBIGUOUS',
  /**
   * a card making's new card lies at the card printer's slot unsettled (its retract the offline
   * printer could not do): the test card is refused, its reject would pull that card into the bin;
   * staff settle the card making first
   */
  MAINTENANCE_NEW_CARD_AT_SLOT: 'MAINTENANCE_NEW_CARD_AT_SLOT',
  TELEMETRY_COMMAND_MALFORMED: 'TELEMETRY_COMMAND_MALFORMED',
  /** a command of a type this kiosk does not know (a newer monitor): refused, the kiosk wants an update */
  TELEMETRY_COMMAND_UNKNOWN: 'TELEMETRY_COMMAND_UNKNOWN',
  TELEMETRY_COMMAND_FOR_OTHER_KIOSK: 'TELEMETRY_COMMAND_FOR_OTHER_KIOSK',
  TELEMETRY_COMMAND_FAILED: 'TELEMETRY_COMMAND_FAILED',
  /** the command's expiry passed before the kiosk ran it (it was off the broker): ask again */
  TELEMETRY_COMMAND_EXPIRED: 'TELEMETRY_COMMAND_EXPIRED',
  /**
   * the command was started on the kiosk and a restart cut it before its outcome was journaled, or
   * it acted and the journal refused to write its outcome (ADR 0027): it may have taken effect, so it
   * is answered so (delivered again too), never run a second time; the kiosk's status says where it
   * stands; ask again if still wanted. (A release before sent it for a command issued before a start
   * at which its commands file did not read.)
   */
  TELEMETRY_COMMAND_STATE_UNKNOWN: 'TELEMETRY_COMMAND_STATE_UNKNOWN',
  /**
   * the kiosk's journal could not record the command before it acted (its transaction or intent
   * refused) or could not be read for it: not run, nothing of it journaled, so it runs when
   * delivered again (the monitor keeps it waiting and sends it again when the kiosk is back, until
   * its expiry): the one answer that is not final (ADR 0027)
   */
  TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE: 'TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE',
  TELEMETRY_QUEUE_FILE_UNREADABLE: 'TELEMETRY_QUEUE_FILE_UNREADABLE',
  // anything not foreseen: still coded, never a raw stack to the UI
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
