/**
 * The device faults a virtual kiosk has now and then, as a real kiosk reports them: the device in
 * hardwareError with its fault code (domain's ErrorCode: the page words it), and the journeys it
 * takes away. A jammed card reader takes them all (every journey starts with the card: the real
 * kiosk goes out of service, CARD_READER_DOWN); the card printer's jam the card making, the cash
 * dispenser's the withdrawal (the kiosk degraded, CARD_PRINTER_DOWN or CASH_DISPENSER_DOWN). Field
 * staff clear a jam (`refillAfterMs`).
 */
import { ErrorCode, ServiceReason, type DeviceKind, type Journey } from '@kiosk/domain';

export const SIMULATED_FAULTS = [
  { device: 'cardPrinter', code: ErrorCode.CARD_PRINTER_JAM },
  { device: 'cardReader', code: ErrorCode.CARD_READER_JAM },
  { device: 'cashDispenser', code: ErrorCode.CASH_JAM },
] as const satisfies readonly { device: DeviceKind; code: ErrorCode }[];

export type SimulatedFault = (typeof SIMULATED_FAULTS)[number];
export type FaultyDevice = SimulatedFault['device'];

/** the journeys a kiosk cannot offer while the device is jammed */
const JOURNEYS_LOST: Readonly<Record<FaultyDevice, 'all' | readonly Journey[]>> = {
  cardReader: 'all',
  cardPrinter: ['issueCard', 'replaceCard'],
  cashDispenser: ['withdraw'],
};

/** the journeys of `offered` a kiosk can still offer with the fault */
export function journeysLeftBy(fault: SimulatedFault | undefined, offered: readonly Journey[]): Journey[] {
  const lost = fault ? JOURNEYS_LOST[fault.device] : [];
  return lost === 'all' ? [] : offered.filter((journey) => !lost.includes(journey));
}

/** the supplies a virtual kiosk uses up (receipt paper, blank cards, the card printer's ribbon, notes) */
export type SimulatedSupply = 'paper' | 'cardHopper' | 'ribbon' | 'cassette';

/**
 * The reason a real kiosk gives (domain's ServiceReason, the page words it) with the fault and the
 * supplies used up: its kiosk machine's first service reason (state-machines' `serviceReasons`),
 * the card reader before the card making before the cash before the printing, and a jammed device
 * (hardwareError) before its own supply. None when every journey is offered.
 */
export function serviceReasonUnder(
  fault: SimulatedFault | undefined,
  emptied: readonly SimulatedSupply[],
): ServiceReason | undefined {
  if (fault?.device === 'cardReader') return ServiceReason.CARD_READER_DOWN;
  if (fault?.device === 'cardPrinter') return ServiceReason.CARD_PRINTER_DOWN;
  if (emptied.includes('cardHopper')) return ServiceReason.CARD_STOCK_EMPTY;
  if (emptied.includes('ribbon')) return ServiceReason.RIBBON_EMPTY;
  if (fault?.device === 'cashDispenser') return ServiceReason.CASH_DISPENSER_DOWN;
  if (emptied.includes('cassette')) return ServiceReason.CASH_EMPTY;
  if (emptied.includes('paper')) return ServiceReason.PAPER_EMPTY;
  return undefined;
}

/**
 * The reason a real kiosk gives while an operator holds it out of service: the command's reason,
 * or REMOTE_OUT_OF_SERVICE without one (kiosk-daemon's fleet commands); it stands before every
 * device's reason.
 */
export function operatorHoldReason(commandReason: string | undefined): string {
  return commandReason ?? ServiceReason.REMOTE_OUT_OF_SERVICE;
}

/** whether the fault takes every journey away (the real kiosk goes out of service) */
export function outOfServiceBy(fault: SimulatedFault | undefined): boolean {
  return fault !== undefined && JOURNEYS_LOST[fault.device] === 'all';
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
