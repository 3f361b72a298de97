/**
 * The camera over HTTP's code (its driver, the face-match service's emulator and their protocol)
 * is a road of its own, loaded with the serial devices' roads only when config picks `http`: a
 * start with the in-memory camera (the test profile, which the start-up bench measures) neither
 * compiles nor runs it. A road that does not load stops the start with its coded error, as the
 * serial roads do, never an emulator in the real camera's place.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@kiosk/config';
import { CameraEmulator, loadGa467SerialRoad, loadLcdmSerialRoad } from '@kiosk/device-drivers';
import * as cameraHttp from '@kiosk/device-drivers/camera-http-road';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { DevicesService } from './devices.service.js';
import { withInMemoryPadAndCamera } from './in-memory-pad-and-camera.spec-support.js';
import { startSerialDevices, type SerialDeviceRoads } from './serial-devices.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const config = (...overrides: string[]) =>
  loadConfig({ profile: 'test', overrides: ['journal.path=:memory:', ...overrides] });

/** the camera over HTTP against the service's emulator, as the demo profile has it */
const HTTP_EMULATED = ['devices.camera.driver=http', 'devices.camera.emulated=true'];

/** the roads as the daemon loads them, the camera's counted */
function countingRoads(camera: () => Promise<typeof cameraHttp>) {
  const asked = { camera: 0 };
  const roads: SerialDeviceRoads = {
    lcdm: loadLcdmSerialRoad,
    ga467: loadGa467SerialRoad,
    camera: () => {
      asked.camera += 1;
      return camera();
    },
  };
  return { asked, roads };
}

describe('the camera over HTTP loaded only when the profile names it', () => {
  it('the in-memory camera: the HTTP road is not loaded, the emulator is the camera', async () => {
    const { asked, roads } = countingRoads(() => Promise.resolve(cameraHttp));
    const test = withInMemoryPadAndCamera(config());
    const serial = await startSerialDevices(test, () => undefined, undefined, roads);
    expect(asked.camera).toBe(0);
    expect(serial.cameraHttp).toBeUndefined();
    const devices = new DevicesService(test, serial);
    closers.push(() => devices.onApplicationShutdown());
    expect(devices.camera).toBeInstanceOf(CameraEmulator);
  });

  it('the camera over HTTP: its road is loaded once and drives the camera', async () => {
    const { asked, roads } = countingRoads(() => Promise.resolve(cameraHttp));
    const http = config(...HTTP_EMULATED);
    const serial = await startSerialDevices(http, () => undefined, undefined, roads);
    expect(asked.camera).toBe(1);
    const devices = new DevicesService(http, serial);
    closers.push(() => devices.onApplicationShutdown());
    expect(devices.camera).toBeInstanceOf(cameraHttp.CameraHttpDriver);
    expect(devices.emulators.camera).toBeInstanceOf(cameraHttp.CameraServiceEmulator);
  });

  it("fault: the camera's HTTP road does not load — the start stops with DEVICE_OFFLINE naming it, no emulator in its place", async () => {
    const notLoaded = new KioskError(
      ErrorCode.DEVICE_OFFLINE,
      'The camera over HTTP cannot be driven: its code did not load (missing chunk).',
    );
    const { roads } = countingRoads(() => Promise.reject(notLoaded));
    const log: string[] = [];
    const started = startSerialDevices(config(...HTTP_EMULATED), (line) => log.push(line), undefined, roads);
    await expect(started).rejects.toBe(notLoaded);
    expect(log).toEqual([]);
  });

  it('fault: devices built for the camera over HTTP without its road — DEVICE_OFFLINE, no emulator in its place', () => {
    const http = config(...HTTP_EMULATED);
    expect(() => new DevicesService(http, { closers: [] })).toThrow(
      expect.objectContaining({
        code: ErrorCode.DEVICE_OFFLINE,
        message: 'The camera over HTTP was not loaded.',
      }),
    );
  });
});
