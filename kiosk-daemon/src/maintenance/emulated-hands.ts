/**
 * On an emulated kiosk (demo, tests, training) nobody's hands put paper in the printer or notes in
 * the serial dispenser's cassettes: these do it, right before the port is told, as an engineer
 * would. Devices that take their stock through their own port or protocol (the in-memory cash
 * dispenser, the card printer's feeder and reject box commands) need nothing here; a card printer
 * without card counters refuses those commands, so its blanks go in and its reject box is emptied
 * by these hands (its ribbon still comes through its own command). Real devices never come here.
 * The serial dispenser's controls are known as not the in-memory dispenser: their class is in the
 * LCDM's serial road, loaded only when config picks it.
 */
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import type { DeviceKind } from '@kiosk/domain';
import type { EmulatorControls } from '../devices/devices.service.js';

export function emulatedRefill(
  emulators: EmulatorControls,
  device: DeviceKind,
  supply: string,
  added: number,
): void {
  if (device === 'receiptPrinter' && supply === 'paper') emulators.receiptPrinter?.loadPaper();
  const printer = uncountingCardPrinter(emulators, device);
  if (printer && supply === 'cardHopper') printer.loadHopper(added);
  const cash = emulators.cashDispenser;
  if (device === 'cashDispenser' && cash && !(cash instanceof CashDispenserEmulator)) {
    const id = supply.slice('cassette:'.length);
    const cassette = id === 'upper' || id === 'lower' ? cash.emulator.mechanism.cassettes[id] : undefined;
    if (cassette) cassette.count += added;
  }
}

export function emulatedEmptyBin(emulators: EmulatorControls, device: DeviceKind, supply: string): void {
  const printer = uncountingCardPrinter(emulators, device);
  if (printer && supply === 'rejectBin') printer.emptyRejectBin();
  const cash = emulators.cashDispenser;
  if (device === 'cashDispenser' && cash && !(cash instanceof CashDispenserEmulator)) {
    if (supply === 'rejectBin') cash.emulator.mechanism.rejectTray = 0;
    if (supply === 'retractBin') cash.emulator.mechanism.retractBin = 0;
  }
}

/** The emulated card printer when it is a model without card counters (its stock by hand only). */
function uncountingCardPrinter(emulators: EmulatorControls, device: DeviceKind) {
  const printer = emulators.cardPrinter;
  return device === 'cardPrinter' && printer && !printer.reportsCounters ? printer : undefined;
}
