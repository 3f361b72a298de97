/**
 * The reasons a virtual kiosk gives (domain's ServiceReason, the page words them), as a real
 * kiosk's machine finds them (state-machines' `serviceReasons`) and in its order (domain's
 * `DEVICE_REASON_ORDER`, `withOperatorHold`): an operator's hold before everything, then the
 * jammed device's fault and the supplies used up. The status carries the first.
 */
import {
  inDeviceReasonOrder,
  ServiceReason,
  withOperatorHold,
  type DeviceKind,
  type DeviceReason,
} from '@kiosk/domain';
import type { FaultyDevice, SimulatedFault } from './simulated-faults.js';
import type { SimulatedSupply } from './simulated-supplies.js';

/** the reason a real kiosk finds for the jammed device (hardwareError) */
const DOWN: Readonly<Record<FaultyDevice, DeviceReason>> = {
  cardPrinter: ServiceReason.CARD_PRINTER_DOWN,
  cardReader: ServiceReason.CARD_READER_DOWN,
  cashDispenser: ServiceReason.CASH_DISPENSER_DOWN,
};

/** the reason a real kiosk finds for a supply used up, and the device that holds it */
const EMPTY: Readonly<Record<SimulatedSupply, { reason: DeviceReason; device: DeviceKind }>> = {
  paper: { reason: ServiceReason.PAPER_EMPTY, device: 'receiptPrinter' },
  cardHopper: { reason: ServiceReason.CARD_STOCK_EMPTY, device: 'cardPrinter' },
  ribbon: { reason: ServiceReason.RIBBON_EMPTY, device: 'cardPrinter' },
  cassette: { reason: ServiceReason.CASH_EMPTY, device: 'cashDispenser' },
};

/**
 * The devices' reasons with the fault and the supplies used up, most important first. A jammed
 * device's supplies are not read (the kiosk machine reads a device's supplies only while it works).
 */
export function deviceReasonsUnder(
  fault: SimulatedFault | undefined,
  emptied: readonly SimulatedSupply[],
): DeviceReason[] {
  const supplies = emptied.filter((supply) => EMPTY[supply].device !== fault?.device);
  return inDeviceReasonOrder([
    ...(fault ? [DOWN[fault.device]] : []),
    ...supplies.map((supply) => EMPTY[supply].reason),
  ]);
}

/** Every reason the kiosk gives, most important first: an operator's hold, then the devices'. */
export function simulatedReasons(
  fault: SimulatedFault | undefined,
  emptied: readonly SimulatedSupply[],
  hold: string | undefined,
): string[] {
  const devices = deviceReasonsUnder(fault, emptied);
  return hold === undefined ? devices : withOperatorHold(hold, devices);
}

/**
 * The reason of an operator's hold: the command's reason, or REMOTE_OUT_OF_SERVICE without one
 * (kiosk-daemon's fleet commands).
 */
export function operatorHoldReason(commandReason: string | undefined): string {
  return commandReason ?? ServiceReason.REMOTE_OUT_OF_SERVICE;
}
