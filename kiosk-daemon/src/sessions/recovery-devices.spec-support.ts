/**
 * The devices boot recovery sees in the withdrawal specs: an opened cash dispenser emulator and an
 * empty card reader, nothing else; in the specs of a boot with card making, a card printer besides.
 */
import type { CardPrinterPort, CashDispenserEmulator } from '@kiosk/device-drivers';
import type { DeviceStatus } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';

export function dispenserOnlyDevices(dispenser: CashDispenserEmulator): DevicesService {
  return {
    cardReader: { cardPosition: () => 'none' },
    cashDispenser: dispenser,
    statuses: (): DeviceStatus[] => [dispenser.status()],
    onAnyStatus: () => () => undefined,
  } as unknown as DevicesService;
}

/** An opened cash dispenser emulator, `printer` and an empty card reader. */
export function dispenserAndPrinterDevices(
  dispenser: CashDispenserEmulator,
  printer: CardPrinterPort,
): DevicesService {
  return {
    cardReader: { cardPosition: () => 'none' },
    cardPrinter: printer,
    cashDispenser: dispenser,
    statuses: (): DeviceStatus[] => [dispenser.status(), printer.status()],
    onAnyStatus: () => () => undefined,
  } as unknown as DevicesService;
}
