/**
 * The fault: the production profile names the face-match service over HTTP and a serial PIN pad,
 * drivers this release does not have, and the daemon ran the emulators in their place. The camera
 * emulator scores every face 92 (the accept score is 70): every face matched, so a withdrawal, a
 * card made or a PIN reset went to whoever held the card, its PIN and the holder's ID card. The
 * PIN pad emulator read online though nothing could press its keys (no demo panel in production):
 * every PIN journey was offered and timed out. Now both are their real drivers (the camera over
 * HTTP, the SZZT style PIN pad on its serial line), offline while their device does not answer,
 * and the journeys that need them are not offered. The daemon's devices on the test profile's emulators, these two named as
 * the production profile names them.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadConfig, type KioskConfig } from '@kiosk/config';
import * as cameraHttp from '@kiosk/device-drivers/camera-http-road';
import { CameraServiceEmulator } from '@kiosk/device-drivers/camera-http-road';
import { ErrorCode } from '@kiosk/domain';
import { journeysOffered, serviceReasons, ServiceReason } from '@kiosk/state-machines';
import { DevicesService } from './devices.service.js';
import { startSerialDevices } from './serial-devices.js';

/** The production profile's camera entry, as the schema completes it. */
const HTTP_CAMERA = {
  driver: 'http',
  emulated: false,
  captureTimeoutMs: 20_000,
  requestTimeoutMs: 500,
  healthPollMs: 3_600_000,
} as const;

/** A loopback URL nothing listens on: the face-match service not running. */
async function serviceNotRunning(): Promise<{ url: string }> {
  const service = new CameraServiceEmulator();
  const { url } = await service.listen();
  await service.close();
  return { url };
}

let devices: DevicesService | undefined;
afterEach(async () => {
  await devices?.onApplicationShutdown();
  devices = undefined;
});

/** The test profile's devices, with some named as the production profile names them. */
async function devicesWith(named: Partial<KioskConfig['devices']> = {}): Promise<DevicesService> {
  const base = loadConfig({ profile: 'test', overrides: ['journal.path=:memory:'] });
  devices = new DevicesService(
    { ...base, devices: { ...base.devices, ...named } },
    { closers: [], cameraHttp },
  );
  await devices.openAll();
  return devices;
}

describe('fault: a camera without its driver matches every face', () => {
  it('the HTTP face-match service named and not answering: the camera offline, no face scored, nothing needing a face match offered', async () => {
    // since the HTTP driver came (camera-devices.ts): the real driver, never an emulator, and a
    // service that does not answer is a camera offline
    const { url } = await serviceNotRunning();
    const d = await devicesWith({ camera: { ...HTTP_CAMERA, url } });
    expect(d.camera.status()).toMatchObject({
      kind: 'camera',
      device: 'offline',
      driver: 'http',
      fault: { code: ErrorCode.DEVICE_OFFLINE, message: expect.stringMatching(/not reachable/) },
    });
    await expect(d.camera.captureAndMatch(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OFFLINE,
    });
    expect(d.emulators.camera).toBeUndefined();
    const offered = journeysOffered(d.statuses());
    const needingFace = [
      'withdraw',
      'issueCard',
      'replaceCard',
      'activatePin',
      'resetPin',
      'reportLoss',
    ] as const;
    for (const needsFace of needingFace) {
      expect(offered).not.toContain(needsFace);
    }
    expect(offered).toEqual(expect.arrayContaining(['balance', 'records', 'changePin']));
    expect(serviceReasons(d.statuses())).toContain(ServiceReason.CAMERA_DOWN);
  });

  it('the serial PIN pad named on a port that does not open: the real driver offline, no PIN collected, no PIN journey offered', async () => {
    // since the serial pad's driver came (serial-pin-pad.ts): never an emulator in its place
    const base = loadConfig({ profile: 'test', overrides: ['journal.path=:memory:'] });
    const pinPad = { driver: 'serial', path: '/dev/kiosk-no-such-pin-pad', baudRate: 9600 } as const;
    const config = {
      ...base,
      devices: { ...base.devices, pinPad: { ...pinPad, emulatedOnPseudoTerminal: false } },
    };
    devices = new DevicesService(config, await startSerialDevices(config));
    await devices.openAll();
    const d = devices;
    expect(d.pinPad.status()).toMatchObject({
      kind: 'pinPad',
      device: 'offline',
      driver: 'epp-serial',
      fault: { code: ErrorCode.DEVICE_OFFLINE },
    });
    await expect(d.pinPad.collectPin({ length: 6 })).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OFFLINE,
    });
    expect(d.emulators.pinPad).toBeUndefined();
    const offered = journeysOffered(d.statuses());
    for (const needsPin of [
      'balance',
      'records',
      'withdraw',
      'activatePin',
      'changePin',
      'resetPin',
    ] as const) {
      expect(offered).not.toContain(needsPin);
    }
    expect(offered).toEqual(expect.arrayContaining(['issueCard', 'reportLoss']));
    expect(serviceReasons(d.statuses())).toContain(ServiceReason.PIN_PAD_DOWN);
  });

  it('the emulators named: both there, with their control surfaces, as the demo and test profiles have them', async () => {
    const d = await devicesWith();
    expect(d.camera.status().device).toBe('online');
    expect(d.pinPad.status().device).toBe('online');
    expect(d.emulators.camera).toBeDefined();
    expect(d.emulators.pinPad).toBeDefined();
    await expect(d.camera.captureAndMatch(new Uint8Array([1, 2, 3]))).resolves.toEqual({ score: 92 });
  });
});
