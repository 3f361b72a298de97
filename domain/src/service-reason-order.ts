/**
 * The order in which a kiosk names its service reasons when several hold, most important first:
 * an operator's hold before everything, then the devices' reasons, the card reader before the PIN
 * pad, the ID reader and camera, the card making, the cash and the printing, and on each device
 * its fault before its supplies and bins. One rule for the kiosk machine (state-machines, which
 * decides the reasons) and the fleet's simulated kiosks (fleet-monitor, which must send what a
 * real kiosk sends): both list their reasons with it, so neither can drift from the other.
 */
import { ServiceReason } from './service-reason.js';

/** The reasons the devices give (health, supplies, bins, a card or notes left behind), in order. */
export const DEVICE_REASON_ORDER = [
  ServiceReason.CARD_READER_DOWN,
  // the reader works but holds a card no session owns: right after the reader's own fault
  ServiceReason.CARD_LEFT_IN_READER,
  ServiceReason.CARD_CAPTURE_BIN_FULL,
  ServiceReason.PIN_PAD_DOWN,
  ServiceReason.ID_READER_DOWN,
  ServiceReason.CAMERA_DOWN,
  ServiceReason.CARD_PRINTER_DOWN,
  // the printer answers but a new card left at its slot is not settled: right after its own fault
  ServiceReason.NEW_CARD_LEFT_AT_SLOT,
  ServiceReason.CARD_STOCK_EMPTY,
  ServiceReason.RIBBON_EMPTY,
  ServiceReason.REJECT_BIN_FULL,
  ServiceReason.CASH_DISPENSER_DOWN,
  // the dispenser answers but its presenter holds notes no session owns: right after its own fault
  ServiceReason.CASH_LEFT_IN_PRESENTER,
  ServiceReason.CASH_EMPTY,
  ServiceReason.RETRACT_BIN_FULL,
  ServiceReason.CASH_REJECT_BIN_FULL,
  ServiceReason.RECEIPT_PRINTER_DOWN,
  ServiceReason.PAPER_EMPTY,
] as const;

/** A reason the devices give; the others (self test, maintenance, a hold) stand alone or first. */
export type DeviceReason = (typeof DEVICE_REASON_ORDER)[number];

/** The device reasons that hold, each once, in `DEVICE_REASON_ORDER`. */
export function inDeviceReasonOrder(holding: Iterable<DeviceReason>): DeviceReason[] {
  const held = new Set(holding);
  return DEVICE_REASON_ORDER.filter((reason) => held.has(reason));
}

/**
 * The reasons while an operator holds the kiosk out of service: the hold's reason (the command's
 * code, or REMOTE_OUT_OF_SERVICE) first, the others behind it as they were, without it again.
 */
export function withOperatorHold(hold: string, reasons: readonly string[]): string[] {
  return [hold, ...reasons.filter((reason) => reason !== hold)];
}
