/**
 * The PIN pad the profile names, and a device named that was not started. Since fb64475 a device a
 * profile names by a driver this release lacked was absent, never its emulator (the emulator read
 * online though nothing could press its keys in production: every PIN journey offered, each timed
 * out). The serial PIN pad has its driver now (serial-pin-pad.ts, docs/pin-pad-epp.md), built with
 * the serial devices; the face-match camera over HTTP has its own (camera-devices.ts). What stays
 * here is the guard: a serial pad named but not among the serial devices started (a DevicesService
 * built without them) is absent (`noDevice`, a coded fault naming the driver), never the emulator:
 * the journeys that need it are not offered (RULES.md, "Journeys are offered by device health").
 */
import type { KioskConfig } from '@kiosk/config';
import { PinPadEmulator, type EppEmulatorControls, type PinPadPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, type DeviceKind, type DeviceStatus } from '@kiosk/domain';
import type { SerialDevices } from './serial-devices.js';

type Devices = KioskConfig['devices'];

const message = (kind: DeviceKind, driver: string) =>
  `The ${driver} ${kind === 'pinPad' ? 'PIN pad' : kind} was not started: it is not used, and the services that need it are not offered.`;

/** A device named and not started: never online, every use refused, coded. */
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

/**
 * The PIN pad the profile names: the serial pad started with the serial devices (with its
 * emulator's controls when emulated on a pseudo terminal), the in-memory emulator (named so, or
 * the fallback of a pad emulated where no pseudo terminal can be made), or absent.
 */
export function pinPadFor(
  entry: Devices['pinPad'],
  serial: SerialDevices,
): { port: PinPadPort; emulator?: PinPadEmulator | EppEmulatorControls } {
  if (serial.pinPad) {
    const { port, controls } = serial.pinPad;
    return { port, ...(controls ? { emulator: controls } : {}) };
  }
  if (entry.driver === 'serial' && !entry.emulatedOnPseudoTerminal) {
    return { port: new DriverlessPinPad(entry.driver) };
  }
  const emulator = new PinPadEmulator();
  return { port: emulator, emulator };
}
