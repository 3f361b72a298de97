/**
 * The in-memory PIN pad and camera, for a spec of one unit that builds `DevicesService` from a
 * profile without the serial devices' roads (`startSerialDevices`) and is not about either: the
 * test profile runs the serial pad on a pseudo terminal and the camera over HTTP against its
 * emulator, as the demo profile does, and those need the roads started first.
 */
import { join } from 'node:path';
import { loadConfig, type KioskConfig } from '@kiosk/config';

export const IN_MEMORY_PAD_AND_CAMERA = {
  pinPad: { driver: 'emulator' },
  camera: { driver: 'emulator', matchScore: 92 },
} as const satisfies Partial<KioskConfig['devices']>;

/** `config` with the in-memory PIN pad and camera in place of the profile's. */
export function withInMemoryPadAndCamera(config: KioskConfig): KioskConfig {
  return { ...config, devices: { ...config.devices, ...IN_MEMORY_PAD_AND_CAMERA } };
}

/**
 * The test profile's journal in `dir`, with the given devices in place of its emulators (the PIN
 * pad and camera in memory).
 */
export function configIn(dir: string, devices: Partial<KioskConfig['devices']>): KioskConfig {
  const base = withInMemoryPadAndCamera(loadConfig({ profile: 'test' }));
  return {
    ...base,
    journal: { ...base.journal, path: join(dir, 'journal.sqlite') },
    devices: { ...base.devices, ...devices },
  };
}
