/**
 * The one status model every device reports, close to XFS4IoT Common.Status: a device state plus
 * supplies (paper, card hopper, ribbon, bins, cash units) with fill levels and thresholds.
 */
export const DEVICE_KINDS = [
  'cardReader',
  'receiptPrinter',
  'cardPrinter',
  'cashDispenser',
  'idReader',
  'pinPad',
  'camera',
] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export type DeviceState =
  'online' | 'offline' | 'hardwareError' | 'userError' | 'noDevice' | 'busy' | 'powerOff';

/** Fill level of a supply; bins are "full" when they can take no more. */
export type SupplyLevel = 'ok' | 'low' | 'empty' | 'full' | 'missing' | 'unknown';

export interface SupplyStatus {
  /** e.g. 'paper', 'cardHopper', 'ribbon', 'rejectBin', 'retractBin', 'captureBin', 'cassette:upper' */
  readonly name: string;
  readonly level: SupplyLevel;
  readonly count?: number;
  readonly capacity?: number;
  /** count at or under which the level reads 'low' (for stock) or over which it reads 'full' (for bins) */
  readonly threshold?: number;
}

export interface DeviceFault {
  readonly code: string;
  readonly message: string;
  /**
   * the PC/SC reader the device needs, by the name config gives it, that pcscd does not list
   * (unplugged, misnamed): the card printer's chip station reader. For field staff and the journal,
   * never the resident's screen.
   */
  readonly missingReader?: string;
}

export interface DeviceStatus {
  readonly kind: DeviceKind;
  readonly device: DeviceState;
  readonly supplies: readonly SupplyStatus[];
  readonly fault?: DeviceFault;
  /** which implementation answers: a driver name or 'emulator' */
  readonly driver: string;
  readonly updatedAt: string;
}

/** Level of a stock supply (paper, blanks, notes) from its count and low threshold. */
export function stockLevel(count: number, lowThreshold: number): SupplyLevel {
  if (count <= 0) return 'empty';
  return count <= lowThreshold ? 'low' : 'ok';
}

/** Level of a bin (reject, retract, capture) from its count and capacity. */
export function binLevel(count: number, capacity: number): SupplyLevel {
  return count >= capacity ? 'full' : 'ok';
}

export function isUsable(status: Pick<DeviceStatus, 'device'>): boolean {
  return status.device === 'online' || status.device === 'busy';
}
