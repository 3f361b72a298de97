/**
 * The GA 467 ID reader's status from what its driver knows: offline while its line is down or it
 * does not answer (or it never opened), a hardware error while it reports a fault, else online.
 */
import { ErrorCode, type DeviceStatus } from '@kiosk/domain';

export interface Ga467ReaderState {
  readonly lineLost: boolean;
  readonly opened: boolean;
  readonly fault: { readonly code: ErrorCode; readonly message: string } | null;
}

export function ga467ReaderStatus({ lineLost, opened, fault }: Ga467ReaderState): DeviceStatus {
  const silent = fault?.code === ErrorCode.DEVICE_TIMEOUT || fault?.code === ErrorCode.DEVICE_OFFLINE;
  const device = lineLost || silent ? 'offline' : fault ? 'hardwareError' : opened ? 'online' : 'offline';
  return {
    kind: 'idReader',
    device,
    supplies: [],
    ...(fault ? { fault } : {}),
    driver: 'ga467',
    updatedAt: new Date().toISOString(),
  };
}
