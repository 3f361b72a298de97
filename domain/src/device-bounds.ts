/**
 * The devices' own bounds by default: written once here for every room that falls back on them
 * (the configuration schema's defaults, a driver given none, a machine whose input gives none, the
 * specs' fixtures). The numbers are the documented ones; `device-bounds.spec.ts` holds them there.
 */

/**
 * The card reader's bound of one card move, eject to the slot or retract into the capture bin,
 * counted from the command (`devices.cardReader.moveTimeoutMs`, 10 s, ADR 0016).
 */
export const DEFAULT_CARD_MOVE_TIMEOUT_MS = 10_000;

/**
 * How long the card reader's open (before the daemon's ready line) waits for pcscd to list a PC/SC
 * reader it has not listed yet (`devices.cardReader.startWaitMs`, 1.5 s, ADR 0002): pcscd lists a
 * reader it has within milliseconds, so this only covers a loaded machine. A reader that comes
 * later (a USB reader enumerating late, plugged in) is taken into service when it appears; with
 * pcscd not answering, nothing is waited for.
 */
export const DEFAULT_PCSC_READER_WAIT_MS = 1_500;

/**
 * How long boot recovery waits for a card reader that has not said yet whether a card is inside (a
 * reader without a motor, before pcscd's first status of it: listed late after a restart), when the
 * card of a cut-short session may be there (`devices.cardReader.positionWaitMs`, 10 s, ADR 0002).
 * Past it the card is accounted for, left for staff, and the kiosk stays out of service
 * (CARD_POSITION_UNKNOWN) until field staff run its self test. A chip command mid-session waits as
 * long for the PC/SC reader lost (pcscd restarting, its link dropped) before DEVICE_OFFLINE.
 */
export const DEFAULT_CARD_POSITION_WAIT_MS = 10_000;

/**
 * How long the card printer's opening and its self test wait for the chip station's PC/SC reader to
 * show (`devices.cardPrinter.chipStationWaitMs`, 2 s): past it the station reads offline, naming it.
 */
export const DEFAULT_CHIP_STATION_WAIT_MS = 2_000;

/**
 * How long a receipt under way waits for the receipt printer's print head to cool
 * (`devices.receiptPrinter.headCoolWaitMs`, 5 s): the printer stops until it has (DLE EOT 3 bit 6)
 * and goes on by itself, but a resident has their cash or card and leaves; past this wait the
 * receipt fails DEVICE_BUSY naming the head, its rest cleared, well before the journey's step
 * (30 s) ends it with no cause, and nothing comes out after they left.
 */
export const DEFAULT_HEAD_COOL_WAIT_MS = 5_000;

/**
 * The LCDM dispenser's answer time of a dispense, up to 60 notes
 * (`devices.cashDispenser.dispenseTimeoutMs`, 60 s, ADR 0005).
 */
export const DEFAULT_DISPENSE_TIMEOUT_MS = 60_000;

/**
 * The LCDM dispenser's answer time of a short command: STATUS, PRESENT, RETRACT
 * (`devices.cashDispenser.responseTimeoutMs`, 2 s, ADR 0005).
 */
export const DEFAULT_DISPENSER_RESPONSE_TIMEOUT_MS = 2_000;

/** Both dispenser bounds, as the withdrawal takes them (its `dispenserBounds`). */
export const DEFAULT_DISPENSER_BOUNDS = {
  dispenseTimeoutMs: DEFAULT_DISPENSE_TIMEOUT_MS,
  responseTimeoutMs: DEFAULT_DISPENSER_RESPONSE_TIMEOUT_MS,
} as const;

/**
 * A device found offline (at boot, or dropped mid-day) is opened again by the daemon, first after
 * this wait, then after twice as long each time it still does not answer (ADR 0020).
 */
export const DEFAULT_DEVICE_REOPEN_MS = 5_000;

/** The longest wait between two opens of a device still offline: the backoff's bound (ADR 0020). */
export const DEFAULT_DEVICE_REOPEN_MAX_MS = 60_000;

/** Both reopen bounds, as the daemon's devices take them. */
export const DEFAULT_DEVICE_REOPEN = {
  intervalMs: DEFAULT_DEVICE_REOPEN_MS,
  maxIntervalMs: DEFAULT_DEVICE_REOPEN_MAX_MS,
} as const;
