/**
 * Which journeys the kiosk offers, decided from device health and supplies alone (RULES.md,
 * "Journeys are offered by device health"). Pure: the kiosk machine and the daemon both call it.
 *
 * - no card reader → nothing that takes the resident's card into it; a card made on the spot (its
 *   chip is written at the card printer's chip station) and a loss report (the ID card and a face
 *   match) stay offered, the kiosk degraded with CARD_READER_DOWN, as with a card left in the
 *   reader (RULES.md: the rest stays up). A replacement stays held back: a damaged card is handed
 *   in through the reader;
 * - no PIN pad → nothing that needs a PIN (balance, records, withdraw, activate/change/reset PIN);
 * - no resident-ID reader or no camera → nothing that needs the ID card and a face match
 *   (withdraw, issue, replace, activate and reset PIN, report loss: the session's
 *   `needsIdAndFace`);
 * - no card printer, no blanks, no ribbon or a full reject bin → no issueCard / replaceCard;
 * - no cash dispenser, no notes, a full retract bin or a full reject bin → no withdraw (the
 *   dispenser refuses every dispense with a full reject bin, DEVICE_BIN_FULL, only after the host
 *   has authorised and the resident has shown the ID card and face);
 * - no receipt printer or no paper → no record printing, but the records journey stays offered:
 *   the balance and the last 20 records are on screen, only its print action is withheld (the
 *   records machine's `printAvailable`, read again as the paper comes and goes); a withdrawal only
 *   warns (its receipt is optional). PAPER_EMPTY / RECEIPT_PRINTER_DOWN stay reasons: degraded;
 * - a full capture bin on the card reader → nothing that takes a card into the reader (a card not
 *   taken back could not be retracted: DEVICE_BIN_FULL, the card left at the slot).
 */
import { JOURNEYS, ServiceReason, inDeviceReasonOrder, isUsable } from '@kiosk/domain';
import type {
  DeviceKind,
  DeviceReason,
  DeviceStatus,
  Journey,
  SupplyLevel,
  SupplyStatus,
} from '@kiosk/domain';

/**
 * Why a journey is not offered: a stable code the UI translates and the fleet counts. Its list is
 * domain's, where the fleet dashboard reads it too (a new reason without words fails its build).
 */
export { ServiceReason };

type Capability = 'card' | 'capture' | 'pin' | 'idAndFace' | 'cardMaking' | 'cash' | 'printing';

const NEEDS: Readonly<Record<Journey, readonly Capability[]>> = {
  balance: ['card', 'capture', 'pin'],
  records: ['card', 'capture', 'pin'],
  withdraw: ['card', 'capture', 'pin', 'idAndFace', 'cash'],
  issueCard: ['idAndFace', 'cardMaking'],
  replaceCard: ['card', 'capture', 'idAndFace', 'cardMaking'],
  activatePin: ['card', 'capture', 'pin', 'idAndFace'],
  changePin: ['card', 'capture', 'pin'],
  resetPin: ['card', 'capture', 'pin', 'idAndFace'],
  reportLoss: ['idAndFace'],
};

const STOCK_AVAILABLE: readonly SupplyLevel[] = ['ok', 'low', 'unknown'];
const BIN_AVAILABLE: readonly SupplyLevel[] = ['ok', 'low', 'unknown'];

function deviceOf(statuses: readonly DeviceStatus[], kind: DeviceKind): DeviceStatus | undefined {
  return statuses.find((s) => s.kind === kind);
}

function usable(statuses: readonly DeviceStatus[], kind: DeviceKind): boolean {
  const status = deviceOf(statuses, kind);
  return status !== undefined && isUsable(status);
}

function supplies(statuses: readonly DeviceStatus[], kind: DeviceKind, prefix: string): SupplyStatus[] {
  return (deviceOf(statuses, kind)?.supplies ?? []).filter((s) => s.name.startsWith(prefix));
}

/** A stock is available when at least one supply of that name has something in it. */
function stockAvailable(statuses: readonly DeviceStatus[], kind: DeviceKind, prefix: string): boolean {
  return supplies(statuses, kind, prefix).some((s) => STOCK_AVAILABLE.includes(s.level));
}

/** A bin is available unless it is reported full or missing; an unreported bin does not block. */
function binAvailable(statuses: readonly DeviceStatus[], kind: DeviceKind, name: string): boolean {
  return supplies(statuses, kind, name).every((s) => BIN_AVAILABLE.includes(s.level));
}

/** What is wrong with one capability; empty when it is available. */
function capabilityFaults(statuses: readonly DeviceStatus[], capability: Capability): DeviceReason[] {
  const faults: DeviceReason[] = [];
  switch (capability) {
    case 'card':
      if (!usable(statuses, 'cardReader')) faults.push(ServiceReason.CARD_READER_DOWN);
      break;
    case 'capture':
      // a card taken into the reader and not taken back is retracted into the capture bin
      if (usable(statuses, 'cardReader') && !binAvailable(statuses, 'cardReader', 'captureBin'))
        faults.push(ServiceReason.CARD_CAPTURE_BIN_FULL);
      break;
    case 'pin':
      if (!usable(statuses, 'pinPad')) faults.push(ServiceReason.PIN_PAD_DOWN);
      break;
    case 'idAndFace':
      if (!usable(statuses, 'idReader')) faults.push(ServiceReason.ID_READER_DOWN);
      if (!usable(statuses, 'camera')) faults.push(ServiceReason.CAMERA_DOWN);
      break;
    case 'cardMaking':
      if (!usable(statuses, 'cardPrinter')) faults.push(ServiceReason.CARD_PRINTER_DOWN);
      else {
        if (!stockAvailable(statuses, 'cardPrinter', 'cardHopper'))
          faults.push(ServiceReason.CARD_STOCK_EMPTY);
        if (!stockAvailable(statuses, 'cardPrinter', 'ribbon')) faults.push(ServiceReason.RIBBON_EMPTY);
        if (!binAvailable(statuses, 'cardPrinter', 'rejectBin')) faults.push(ServiceReason.REJECT_BIN_FULL);
      }
      break;
    case 'cash':
      if (!usable(statuses, 'cashDispenser')) faults.push(ServiceReason.CASH_DISPENSER_DOWN);
      else {
        if (!stockAvailable(statuses, 'cashDispenser', 'cassette')) faults.push(ServiceReason.CASH_EMPTY);
        if (!binAvailable(statuses, 'cashDispenser', 'retractBin'))
          faults.push(ServiceReason.RETRACT_BIN_FULL);
        if (!binAvailable(statuses, 'cashDispenser', 'rejectBin'))
          faults.push(ServiceReason.CASH_REJECT_BIN_FULL);
      }
      break;
    case 'printing':
      if (!usable(statuses, 'receiptPrinter')) faults.push(ServiceReason.RECEIPT_PRINTER_DOWN);
      else if (!stockAvailable(statuses, 'receiptPrinter', 'paper')) faults.push(ServiceReason.PAPER_EMPTY);
      break;
  }
  return faults;
}

/** The journeys the devices can carry right now, in the order of `JOURNEYS`. */
export function journeysOffered(statuses: readonly DeviceStatus[]): Journey[] {
  return JOURNEYS.filter((journey) =>
    NEEDS[journey].every((capability) => capabilityFaults(statuses, capability).length === 0),
  );
}

/**
 * Every reason a journey is held back, most important first (the card reader before the PIN pad
 * before supplies: domain's `DEVICE_REASON_ORDER`, the order the fleet's simulated kiosks follow
 * too). Empty when everything is offered.
 */
export function serviceReasons(statuses: readonly DeviceStatus[]): DeviceReason[] {
  const capabilities: readonly Capability[] = [
    'card',
    'capture',
    'pin',
    'idAndFace',
    'cardMaking',
    'cash',
    'printing',
  ];
  return inDeviceReasonOrder(capabilities.flatMap((capability) => capabilityFaults(statuses, capability)));
}

/**
 * The journeys that take a card into the card reader: the resident's card, or a damaged card
 * handed in for a replacement (those that need the capture bin). A reader holding a card no
 * session owns refuses them all.
 */
const INTO_THE_READER: readonly Journey[] = JOURNEYS.filter((journey) => NEEDS[journey].includes('capture'));

/**
 * What is offered while the card reader holds a card no session owns (`CARD_LEFT_IN_READER`):
 * every new card would be refused DEVICE_BUSY, so the journeys that take a card into the reader are
 * held back; a new card made on the spot and a loss report (ID card and face) stay offered as the
 * devices allow. The reason stands in `DEVICE_REASON_ORDER`: right after the card reader's own
 * fault, if any.
 */
export function withCardLeftInReader(
  offered: readonly Journey[],
  reasons: readonly DeviceReason[],
): { journeysOffered: Journey[]; reasons: DeviceReason[] } {
  return {
    journeysOffered: offered.filter((j) => !INTO_THE_READER.includes(j)),
    reasons: inDeviceReasonOrder([...reasons, ServiceReason.CARD_LEFT_IN_READER]),
  };
}

/**
 * What is offered while a new card left at the card printer's slot is not settled in the journal
 * (`NEW_CARD_LEFT_AT_SLOT`, a retract the offline printer could not do): the next card making's feed
 * would be refused with a card inside and its reject would pull that card into the bin under another
 * resident's transaction, so card making is held back; the rest stays offered as the devices allow.
 */
export function withNewCardLeftAtSlot(
  offered: readonly Journey[],
  reasons: readonly DeviceReason[],
): { journeysOffered: Journey[]; reasons: DeviceReason[] } {
  return {
    journeysOffered: offered.filter((j) => !NEEDS[j].includes('cardMaking')),
    reasons: inDeviceReasonOrder([...reasons, ServiceReason.NEW_CARD_LEFT_AT_SLOT]),
  };
}

/**
 * What is offered while the cash dispenser's presenter holds notes no session owns
 * (`CASH_LEFT_IN_PRESENTER`, a withdrawal's retract that failed): every dispense would be refused,
 * so withdrawals are held back; the rest stays offered as the devices allow.
 */
export function withCashLeftInPresenter(
  offered: readonly Journey[],
  reasons: readonly DeviceReason[],
): { journeysOffered: Journey[]; reasons: DeviceReason[] } {
  return {
    journeysOffered: offered.filter((j) => !NEEDS[j].includes('cash')),
    reasons: inDeviceReasonOrder([...reasons, ServiceReason.CASH_LEFT_IN_PRESENTER]),
  };
}
