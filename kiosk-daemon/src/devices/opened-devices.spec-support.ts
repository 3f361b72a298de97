/**
 * For the daemon's device specs: the devices of `config` opened as the daemon opens them (its serial
 * devices' roads started first), shut down by the spec's `closers`; and a wait for a device's status.
 */
import type { KioskConfig } from '@kiosk/config';
import type { DevicePort } from '@kiosk/device-drivers';
import type { DeviceStatus } from '@kiosk/domain';
import { DevicesService } from './devices.service.js';
import { startSerialDevices } from './serial-devices.js';

export async function openedDevices(
  config: KioskConfig,
  closers: (() => Promise<void>)[],
): Promise<DevicesService> {
  const devices = new DevicesService(config, await startSerialDevices(config));
  closers.push(() => devices.onApplicationShutdown());
  await devices.openAll();
  return devices;
}

/** `port`'s status once `wanted` holds of it: now, or at a status it pushes. */
export function statusWhere(
  port: Pick<DevicePort, 'status' | 'onStatus'>,
  wanted: (s: DeviceStatus) => boolean,
): Promise<DeviceStatus> {
  return new Promise((resolve) => {
    const check = () => {
      const status = port.status();
      if (!wanted(status)) return;
      off();
      resolve(status);
    };
    const off = port.onStatus(() => check());
    check();
  });
}
