/**
 * What every device port has in common: open/close, the one status model, and status changes
 * pushed as events (queries never wait behind a long command).
 */
import type { DeviceKind, DeviceStatus } from '@kiosk/domain';

export type Unsubscribe = () => void;

export interface DevicePort {
  readonly kind: DeviceKind;
  /** Connect to the device (or start the emulator); resolves when status is known. */
  open(signal?: AbortSignal): Promise<void>;
  /** Release every handle so the process can exit by itself. */
  close(): Promise<void>;
  /** The last known status, immediately. */
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
  /**
   * Re-runs the device's own checks now (field staff clearing a fault) and answers the status they
   * give; never throws for a device fault, which is in the status. Ports without it have only
   * `status()`.
   */
  selfTest?(signal?: AbortSignal): Promise<DeviceStatus>;
}
