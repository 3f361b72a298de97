/**
 * The in-memory PIN pad and camera, for a spec of one unit that builds `DevicesService` from a
 * profile without the serial devices' roads (`startSerialDevices`) and is not about either: the
 * test profile runs the serial pad on a pseudo terminal and the camera over HTTP against its
 * emulator, as the demo profile does, and those need the roads started first.
 */
import type { KioskConfig } from '@kiosk/config';

export const IN_MEMORY_PAD_AND_CAMERA = {
  pinPad: { driver: 'emulator' },
  camera: { driver: 'emulator', matchScore: 92 },
} as const satisfies Partial<KioskConfig['devices']>;

/** `config` with the in-memory PIN pad and camera in place of the profile's. */
export function withInMemoryPadAndCamera(config: KioskConfig): KioskConfig {
  return { ...config, devices: { ...config.devices, ...IN_MEMORY_PAD_AND_CAMERA } };
}
