/**
 * A device road loaded when config picks it. The drivers, byte-level emulators and controls of a
 * device model that a profile may not use (the LCDM's serial road, the GA 467's) are not in the
 * room's index: the daemon's bundle keeps them in chunks of their own, so a start that does not
 * use them neither compiles nor runs them. `loadDeviceRoad` loads one; code that does not load
 * (a chunk missing from the installation) is DEVICE_OFFLINE naming the road, where it is needed.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';

export async function loadDeviceRoad<T>(road: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    throw new KioskError(
      ErrorCode.DEVICE_OFFLINE,
      `The ${road} cannot be driven: its code did not load (${(cause as Error)?.message ?? String(cause)}). Reinstall the kiosk release.`,
      { road },
      { cause },
    );
  }
}
