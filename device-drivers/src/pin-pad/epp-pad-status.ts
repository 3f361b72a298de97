/**
 * The serial PIN pad's status from what its driver knows: offline while its line is down or it does
 * not answer (or it never opened), a hardware error while it reports a fault that needs staff (keys
 * not loaded, battery, a general error), else online. Never anything the resident typed.
 */
import { ErrorCode, type DeviceStatus } from '@kiosk/domain';

export interface EppPadFault {
  readonly code: ErrorCode;
  readonly message: string;
}

export interface EppPadState {
  readonly lineLost: boolean;
  readonly opened: boolean;
  readonly fault: EppPadFault | null;
}

export function eppPadStatus({ lineLost, opened, fault }: EppPadState): DeviceStatus {
  const silent = fault?.code === ErrorCode.DEVICE_TIMEOUT || fault?.code === ErrorCode.DEVICE_OFFLINE;
  const device = lineLost || silent ? 'offline' : fault ? 'hardwareError' : opened ? 'online' : 'offline';
  return {
    kind: 'pinPad',
    device,
    supplies: [],
    ...(fault ? { fault } : {}),
    driver: 'epp-serial',
    updatedAt: new Date().toISOString(),
  };
}
