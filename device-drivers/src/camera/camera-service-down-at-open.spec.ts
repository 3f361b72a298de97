/**
 * Fault: the face-match service is not running when the kiosk opens its camera (started late after
 * a reboot, crashed), or goes away mid-day. The camera reads offline with DEVICE_OFFLINE, no face
 * is matched, and it comes back by itself once the service answers: the health poll, or the
 * daemon's reopen (ADR 0020) through the self test.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import {
  cameraOnService,
  driverOn,
  pushed,
  referencePhoto,
  urlOfNoService,
} from './camera-http.spec-support.js';
import { CameraServiceEmulator } from './camera-service.emulator.js';

describe('fault: camera-service-down-at-open', () => {
  it('open refused DEVICE_OFFLINE, the camera offline with that fault, no capture taken', async () => {
    const { url } = await urlOfNoService();
    const driver = driverOn(url);
    await expect(driver.open()).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
    expect(driver.status()).toMatchObject({
      device: 'offline',
      driver: 'http',
      fault: { code: ErrorCode.DEVICE_OFFLINE, message: expect.stringMatching(/not reachable/) },
    });
    await expect(driver.captureAndMatch(referencePhoto())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OFFLINE,
    });
  });

  it("the service started later: the reopen's self test reads it online and faces are matched", async () => {
    const { url, port } = await urlOfNoService();
    const driver = driverOn(url, { healthPollMs: 3_600_000 });
    await driver.open().catch(() => undefined);
    const service = new CameraServiceEmulator({ defaultScore: 81 });
    await service.listen(port);
    try {
      await expect(driver.selfTest()).resolves.toMatchObject({ device: 'online' });
      expect(driver.status().fault).toBeUndefined();
      await expect(driver.captureAndMatch(referencePhoto())).resolves.toEqual({ score: 81 });
    } finally {
      await service.close();
    }
  });

  it('the service started later: the health poll brings the camera online by itself, pushed', async () => {
    const { url, port } = await urlOfNoService();
    const driver = driverOn(url, { healthPollMs: 50 });
    await driver.open().catch(() => undefined);
    const back = pushed(driver, (s) => s.device === 'online');
    const service = new CameraServiceEmulator();
    await service.listen(port);
    try {
      await expect(back).resolves.toMatchObject({ device: 'online' });
    } finally {
      await service.close();
    }
  });

  it('the service gone mid-day: the capture refused DEVICE_OFFLINE and the camera reads offline', async () => {
    const { service, driver } = await cameraOnService({}, { healthPollMs: 3_600_000 });
    await service.close();
    await expect(driver.captureAndMatch(referencePhoto())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OFFLINE,
    });
    expect(driver.status()).toMatchObject({ device: 'offline', fault: { code: ErrorCode.DEVICE_OFFLINE } });
  });
});
