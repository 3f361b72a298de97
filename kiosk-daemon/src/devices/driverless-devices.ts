/**
 * The camera and the PIN pad a profile names by a driver this release does not have: the
 * face-match service over HTTP (`devices.camera.driver: http`) and the serial encrypting PIN pad
 * (`devices.pinPad.driver: serial`), both in the production profile ("the real driver comes with
 * its own issue"). The daemon ran the emulators in their place. The camera emulator scores every
 * face 92, above the accept score: on such a terminal every face matched, and a withdrawal, a
 * card made or a PIN reset went to whoever held the card, the PIN and the holder's ID card. The
 * PIN pad emulator read online, though nothing could press its keys there (the demo panel is
 * refused in production): every PIN journey was offered and timed out. Now each is absent
 * (`noDevice`, with a coded fault that names the driver): the journeys that need it are not
 * offered (RULES.md, "Journeys are offered by device health"), the fleet sees why, and nothing is
 * opened again until a release brings the driver.
 */
import type { KioskConfig } from '@kiosk/config';
import {
  CameraEmulator,
  PinPadEmulator,
  type CameraPort,
  type FaceMatch,
  type PinPadPort,
} from '@kiosk/device-drivers';
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

class DriverlessCamera extends DriverlessDevice implements CameraPort {
  declare readonly kind: 'camera';
  constructor(driver: string) {
    super('camera', driver);
  }
  captureAndMatch(): Promise<FaceMatch> {
    return Promise.reject(this.refused());
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

/** The camera the profile names: the emulator (with its control surface), or one it lacks. */
export function cameraFor(entry: Devices['camera']): { port: CameraPort; emulator?: CameraEmulator } {
  if (entry.driver !== 'emulator') return { port: new DriverlessCamera(entry.driver) };
  const emulator = new CameraEmulator({ defaultScore: entry.matchScore });
  return { port: emulator, emulator };
}

/** The PIN pad the profile names: the emulator (with its control surface), or one it lacks. */
export function pinPadFor(entry: Devices['pinPad']): { port: PinPadPort; emulator?: PinPadEmulator } {
  if (entry.driver !== 'emulator') return { port: new DriverlessPinPad(entry.driver) };
  const emulator = new PinPadEmulator();
  return { port: emulator, emulator };
}
