/**
 * The kiosk service reasons that send staff to the kiosk: a resident's card or notes sit at (or in)
 * a slot no session owns, and only a person at the kiosk can hand them back or settle them. While
 * any of a status's reasons names one (its `reason`, or behind it in `reasons`), the fleet holds a
 * `leftAtKiosk` alert for it (`alert-rules.ts`), so
 * the operators' alert list says it at once rather than only once a later recovery leaves it for
 * staff (ADR 0004, "Card or notes left at the kiosk").
 *
 * The other reasons send no alert of this kind, each for a reason of its own:
 * - a device down (CARD_READER_DOWN, PIN_PAD_DOWN, ID_READER_DOWN, CAMERA_DOWN, CARD_PRINTER_DOWN,
 *   CASH_DISPENSER_DOWN, RECEIPT_PRINTER_DOWN): the device's state already raises its `deviceFault`;
 * - a supply out or a bin full (CARD_STOCK_EMPTY, RIBBON_EMPTY, REJECT_BIN_FULL, CASH_EMPTY,
 *   RETRACT_BIN_FULL, CASH_REJECT_BIN_FULL, PAPER_EMPTY, CARD_CAPTURE_BIN_FULL): the supply's level
 *   already raises its `supplyEmpty` (code `empty` or `full`); a second alert would count one trip twice;
 * - SELF_TEST_FAILED, SELF_TEST_TIMEOUT: the kiosk's `recoveryNeedsStaff` event raises its alert;
 * - MAINTENANCE: staff are at the kiosk;
 * - REMOTE_OUT_OF_SERVICE, or any code an operator's hold names: an operator did it, from the monitor;
 * - a host outage is no service reason at all: the kiosk refuses at the host's answer, nothing at
 *   the kiosk is for staff to fetch;
 * - a reason this monitor does not know (a newer kiosk's, ADR 0018: codes are open): nothing. It may
 *   be a trip, a fault or a supply (those have their own alerts from the device states and supply
 *   levels this monitor reads anyway); the dashboard shows it on the kiosk as sent, and the monitor's
 *   release that words it decides whether it belongs here.
 */
import { ServiceReason, type DeviceReason } from '@kiosk/domain';

/** Each reason that sends staff to the kiosk, with why. */
export const STAFF_TRIP_REASONS: Readonly<Partial<Record<DeviceReason, string>>> = {
  [ServiceReason.CARD_LEFT_IN_READER]:
    "a resident's card is in the reader or sticks out of its slot, no session owns it: someone must hand it back (the journeys that take a card in wait)",
  [ServiceReason.NEW_CARD_LEFT_AT_SLOT]:
    "a resident's new card lies at the card printer's slot, not settled: someone must hand it over or settle it (card making waits)",
  [ServiceReason.CASH_LEFT_IN_PRESENTER]:
    "a resident's notes sit in the cash presenter, in reach of the next person: someone must settle them (withdrawals wait)",
};

/** Whether `reason` is one that sends staff to the kiosk (`STAFF_TRIP_REASONS`). */
export function isStaffTripReason(reason: string | undefined): reason is DeviceReason {
  return reason !== undefined && Object.hasOwn(STAFF_TRIP_REASONS, reason);
}
