/**
 * A device a profile names by a driver this release does not have: the serial encrypting PIN pad
 * (`devices.pinPad.driver: serial`, in the production profile: "the real driver comes with its own
 * issue"). The daemon ran the emulator in its place; the PIN pad emulator read online, though
 * nothing could press its keys there (the demo panel is refused in production): every PIN journey
 * was offered and timed out. (The face-match camera over HTTP was such a device too, its emulator
 * matching every face; it has its driver now, camera-devices.ts.) Now such a device is absent
 * (`noDevice`, with a coded fault that names the driver): the journeys that need it are not
 * offered (RULES.md, "Journeys are offered by device health"), the fleet sees why, and nothing is
 * opened again until a release brings the driver.
 */
import type { KioskConfig } from '@kiosk/config';
import { PinPadEmulator, type PinPadPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, type DeviceKind, type DeviceStatus } from '@kiosk/domain';

type Devices = KioskConfig['devices'];

const message = (kind: DeviceKind, driver: string) =>
  `This release has no ${driver} driver for the ${kind === 'pinPad' ? 'PIN pad' : kind}: it is not used, and the services that need it are not offered.`;

/** A device named by a driver this release lacks: never online, every use refused, coded. */
class DriverlessDevice {
  readonly #status: DeviceStatus;

  constructor(
    readonly kind: DeviceKind,
    driver: string,
  ) {
    this.#status = {
      kind,
      device: 'noDevice',
      supplies: [],
      fault: { code: ErrorCode.DEVICE_OFFLINE, message: message(kind, driver) },
      driver,
      updatedAt: new Date().toISOString(),
    };
  }

  /** Nothing to open: its status is known, and it stays so. */
  async open(): Promise<void> {}
  async close(): Promise<void> {}
  status(): DeviceStatus {
    return this.#status;
  }
  onStatus(): () => void {
    return () => undefined;
  }
  protected refused(): KioskError {
    return new KioskError(ErrorCode.DEVICE_OFFLINE, this.#status.fault?.message ?? 'The device is offline.', {
      device: this.kind,
      driver: this.#status.driver,
    });
  }
}

class DriverlessPinPad extends DriverlessDevice implements PinPadPort {
  declare readonly kind: 'pinPad';
  constructor(driver: string) {
    super('pinPad', driver);
  }
  collectPin(): ReturnType<PinPadPort['collectPin']> {
    return Promise.reject(this.refused());
  }
  onKey(): () => void {
    return () => undefined;
  }
}

/** The PIN pad the profile names: the emulator (with its control surface), or one it lacks. */
export function pinPadFor(entry: Devices['pinPad']): { port: PinPadPort; emulator?: PinPadEmulator } {
  if (entry.driver !== 'emulator') return { port: new DriverlessPinPad(entry.driver) };
  const emulator = new PinPadEmulator();
  return { port: emulator, emulator };
}
