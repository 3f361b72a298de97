/**
 * Fault: the face-match service answers HTTP 500 (its matcher crashed, a model failed to load).
 * The capture is refused DEVICE_HARDWARE_ERROR, never a score; the camera reads offline with that
 * code until the service's health answers ready again.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { cameraOnService, driverOn, oddService, referencePhoto } from './camera-http.spec-support.js';

describe('fault: camera-service-answers-500', () => {
  it('the capture refused DEVICE_HARDWARE_ERROR, the camera offline until the health is ready again', async () => {
    const { service, driver } = await cameraOnService({}, { healthPollMs: 3_600_000 });
    service.setFault('serverError');
    await expect(driver.captureAndMatch(referencePhoto())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_HARDWARE_ERROR,
      message: expect.stringMatching(/HTTP 500/),
    });
    expect(driver.status()).toMatchObject({
      device: 'offline',
      fault: { code: ErrorCode.DEVICE_HARDWARE_ERROR },
    });
    await expect(driver.selfTest()).resolves.toMatchObject({ device: 'offline' });
    service.setFault(null);
    await expect(driver.selfTest()).resolves.toMatchObject({ device: 'online' });
    await expect(driver.captureAndMatch(referencePhoto())).resolves.toEqual({ score: 92 });
  });

  it('a 500 carrying what looks like a score is still no score', async () => {
    const { url } = await oddService((req, _body, res) => {
      if (req.method === 'GET') res.writeHead(200).end('{"state":"ready"}');
      else res.writeHead(500).end('{"outcome":"matched","score":99}');
    });
    const driver = driverOn(url);
    await driver.open();
    await expect(driver.captureAndMatch(referencePhoto())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_HARDWARE_ERROR,
    });
  });

  it('the health answering 500 at open: offline with DEVICE_HARDWARE_ERROR', async () => {
    const { url } = await oddService((_req, _body, res) => res.writeHead(500).end());
    const driver = driverOn(url);
    await expect(driver.open()).rejects.toMatchObject({ code: ErrorCode.DEVICE_HARDWARE_ERROR });
    expect(driver.status()).toMatchObject({
      device: 'offline',
      fault: { code: ErrorCode.DEVICE_HARDWARE_ERROR },
    });
  });
});
