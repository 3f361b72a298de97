/** Resolves with the first status a device pushes that passes `accept`. */
import type { DeviceStatus } from '@kiosk/domain';
import type { Unsubscribe } from '../../src/common/device-port.js';

export function statusWhere(
  device: { onStatus(listener: (status: DeviceStatus) => void): Unsubscribe },
  accept: (status: DeviceStatus) => boolean,
): Promise<DeviceStatus> {
  return new Promise((resolve) => {
    const stop = device.onStatus((status) => {
      if (!accept(status)) return;
      stop();
      resolve(status);
    });
  });
}

/**
 * The first status a device pushes that passes `accept`, or, if none does within `ms`, the one it
 * shows then: a bounded wait for what must come at once, failing on the status itself.
 */
export function statusWithin(
  device: {
    onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
    status(): DeviceStatus;
  },
  accept: (status: DeviceStatus) => boolean,
  ms: number,
): Promise<DeviceStatus> {
  return new Promise((resolve) => {
    const done = (status: DeviceStatus) => {
      clearTimeout(timer);
      stop();
      resolve(status);
    };
    // a device pushes its status later, never from within onStatus
    const stop = device.onStatus((status) => {
      if (accept(status)) done(status);
    });
    const timer = setTimeout(() => done(device.status()), ms);
  });
}

/** The wait for what must come at once: ample on a loaded machine; a missed event never comes. */
export const SOON_MS = 5_000;
