/**
 * The devices boot recovery sees in the withdrawal specs: an opened cash dispenser emulator and an
 * empty card reader, nothing else.
 */
import type { CashDispenserEmulator } from '@kiosk/device-drivers';
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
