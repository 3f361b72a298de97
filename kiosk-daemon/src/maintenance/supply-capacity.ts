/**
 * What a stock staff refill can hold, from the profile (`cassetteCapacity`, `hopperCapacity`,
 * `ribbonCapacity`: a ribbon's prints where the printer does not read them off its tag):
 * a refill that would put more in is refused before anything is journaled or loaded
 * (MAINTENANCE_OVER_CAPACITY), so the journal's and the device's counts never say more than the
 * cassette or the hopper can hold.
 */
import type { KioskConfig } from '@kiosk/config';
import type { ReplenishableDevice } from './maintenance-supply-requests.js';

/** The capacity of `supply` of `device`, or undefined when the profile gives none (paper, bins). */
export function stockCapacityOf(
  devices: Pick<KioskConfig['devices'], 'cashDispenser' | 'cardPrinter'> | undefined,
  device: ReplenishableDevice,
  supply: string,
): number | undefined {
  if (device === 'cashDispenser' && supply.startsWith('cassette:'))
    return devices?.cashDispenser.cassetteCapacity;
  if (device === 'cardPrinter' && supply === 'cardHopper') return devices?.cardPrinter.hopperCapacity;
  if (device === 'cardPrinter' && supply === 'ribbon') return devices?.cardPrinter.ribbonCapacity;
  return undefined;
}
