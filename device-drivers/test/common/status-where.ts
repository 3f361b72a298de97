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
