/**
 * The camera the profile names: the in-memory emulator, or the face-match service over HTTP
 * (docs/camera-face-match-http.md) driven by the real driver, at the service's URL or against the
 * service's emulator that the daemon starts on an ephemeral loopback port (`emulated: true`, demo
 * and test profiles; refused in production). Either emulator's control surface (score to give,
 * faults) is the demo panel's and the tests'.
 */
import type { KioskConfig } from '@kiosk/config';
import {
  CameraEmulator,
  type CameraPort,
  type CameraServiceEmulator,
  type loadCameraHttpRoad,
} from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';

/**
 * The camera over HTTP's code (driver, service emulator): loaded with the serial devices' roads
 * when config picks `http` (`startSerialDevices`), so a start with the in-memory camera does not
 * compile or run it.
 */
export type CameraHttpRoad = Awaited<ReturnType<typeof loadCameraHttpRoad>>;

export interface CameraDevice {
  readonly port: CameraPort;
  readonly emulator?: CameraEmulator | CameraServiceEmulator;
  /** stops what was started for it (the service's emulator) */
  readonly close?: () => Promise<void>;
}

export function cameraFor(entry: KioskConfig['devices']['camera'], road?: CameraHttpRoad): CameraDevice {
  if (entry.driver === 'emulator') {
    const emulator = new CameraEmulator({ defaultScore: entry.matchScore });
    return { port: emulator, emulator };
  }
  if (!road) throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The camera over HTTP was not loaded.');
  const { CameraHttpDriver, CameraServiceEmulator } = road;
  const bounds = {
    captureTimeoutMs: entry.captureTimeoutMs,
    requestTimeoutMs: entry.requestTimeoutMs,
    healthPollMs: entry.healthPollMs,
  };
  if (!entry.emulated) {
    // the schema holds a URL where the service is not emulated
    return { port: new CameraHttpDriver({ url: entry.url ?? '', ...bounds }) };
  }
  const service = new CameraServiceEmulator(
    entry.matchScore === undefined ? {} : { defaultScore: entry.matchScore },
  );
  // listening from the driver's first call (its open), on loopback, once
  const url = async () => (await service.listen(0, '127.0.0.1')).url;
  return {
    port: new CameraHttpDriver({ url, ...bounds }),
    emulator: service,
    close: () => service.close(),
  };
}
