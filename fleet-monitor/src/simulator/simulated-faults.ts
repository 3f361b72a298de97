/**
 * The device faults a virtual kiosk has now and then, as a real kiosk reports them: the device in
 * hardwareError with its fault code (domain's ErrorCode: the page words it), and the journeys it
 * takes away. A jammed card reader takes those that take a card into it (a new card made on the
 * spot and a loss report stay: the real kiosk degraded, CARD_READER_DOWN); the card printer's jam
 * the card making, the cash dispenser's the withdrawal (degraded, CARD_PRINTER_DOWN or
 * CASH_DISPENSER_DOWN). A kiosk left with no journey is out of service. Field staff clear a jam
 * (`refillAfterMs`).
 */
import { ErrorCode, type DeviceKind, type Journey } from '@kiosk/domain';

export const SIMULATED_FAULTS = [
  { device: 'cardPrinter', code: ErrorCode.CARD_PRINTER_JAM },
  { device: 'cardReader', code: ErrorCode.CARD_READER_JAM },
  { device: 'cashDispenser', code: ErrorCode.CASH_JAM },
] as const satisfies readonly { device: DeviceKind; code: ErrorCode }[];

export type SimulatedFault = (typeof SIMULATED_FAULTS)[number];
export type FaultyDevice = SimulatedFault['device'];

/** the journeys a kiosk cannot offer while the device is jammed */
const JOURNEYS_LOST: Readonly<Record<FaultyDevice, readonly Journey[]>> = {
  cardReader: ['balance', 'records', 'withdraw', 'replaceCard', 'activatePin', 'changePin', 'resetPin'],
  cardPrinter: ['issueCard', 'replaceCard'],
  cashDispenser: ['withdraw'],
};

/** the journeys of `offered` a kiosk can still offer with the fault */
export function journeysLeftBy(fault: SimulatedFault | undefined, offered: readonly Journey[]): Journey[] {
  const lost = fault ? JOURNEYS_LOST[fault.device] : [];
  return offered.filter((journey) => !lost.includes(journey));
}

/** a device's state with the fault: hardwareError with the fault's code for the jammed one */
export function deviceStateUnder(
  fault: SimulatedFault | undefined,
  kind: DeviceKind,
): { device: 'online' } | { device: 'hardwareError'; faultCode: ErrorCode } {
  return fault?.device === kind ? { device: 'hardwareError', faultCode: fault.code } : { device: 'online' };
}

/** one of the faults, by a number in 0..1 */
export function pickFault(roll: number): SimulatedFault {
  return SIMULATED_FAULTS[Math.min(SIMULATED_FAULTS.length - 1, Math.floor(roll * SIMULATED_FAULTS.length))]!;
}
