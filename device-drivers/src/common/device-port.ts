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
}
