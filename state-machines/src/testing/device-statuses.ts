/** Test support: device statuses of a healthy kiosk, and ways to break one part of it. */
import { DEVICE_KINDS } from '@kiosk/domain';
import type { DeviceKind, DeviceState, DeviceStatus, SupplyStatus } from '@kiosk/domain';

const SUPPLIES: Partial<Record<DeviceKind, SupplyStatus[]>> = {
  cardPrinter: [
    { name: 'cardHopper', level: 'ok', count: 200 },
    { name: 'ribbon', level: 'ok', count: 500 },
    { name: 'rejectBin', level: 'ok', count: 0, capacity: 50 },
  ],
  cashDispenser: [
    { name: 'cassette:upper', level: 'ok', count: 500 },
    { name: 'cassette:lower', level: 'ok', count: 500 },
    { name: 'rejectBin', level: 'ok', count: 0, capacity: 50 },
    { name: 'retractBin', level: 'ok', count: 0, capacity: 100 },
  ],
  receiptPrinter: [{ name: 'paper', level: 'ok' }],
  cardReader: [{ name: 'captureBin', level: 'ok', count: 0, capacity: 30 }],
};

export function healthyKiosk(): DeviceStatus[] {
  return DEVICE_KINDS.map((kind) => ({
    kind,
    device: 'online',
    supplies: SUPPLIES[kind] ?? [],
    driver: 'emulator',
    updatedAt: '2026-11-26T19:00:00.000Z',
  }));
}

export function withDevice(
  statuses: readonly DeviceStatus[],
  kind: DeviceKind,
  device: DeviceState,
): DeviceStatus[] {
  return statuses.map((s) => (s.kind === kind ? { ...s, device } : s));
}

export function withSupply(
  statuses: readonly DeviceStatus[],
  kind: DeviceKind,
  supply: Partial<SupplyStatus> & { name: string },
): DeviceStatus[] {
  return statuses.map((s) =>
    s.kind === kind
      ? { ...s, supplies: s.supplies.map((x) => (x.name === supply.name ? { ...x, ...supply } : x)) }
      : s,
  );
}

/**
 * The card reader and the resident ID card reader `device`: nothing left to offer (a card made on
 * the spot and a loss report do without the card reader, not without the ID card), out of service
 * with CARD_READER_DOWN first.
 */
export function readersDown(device: DeviceState = 'offline'): DeviceStatus[] {
  return withDevice(withDevice(healthyKiosk(), 'cardReader', device), 'idReader', device);
}
