/**
 * Fault: the face-match service takes the capture and never answers (hung matcher), or its health
 * never answers. The capture is refused DEVICE_TIMEOUT once its window and the answer margin have
 * passed, and cancelled at the service (the camera stops, the frames go); the camera reads offline
 * with DEVICE_TIMEOUT until the health answers.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { cameraOnService, driverOn, oddService, referencePhoto } from './camera-http.spec-support.js';

describe('fault: camera-service-timeout', () => {
  it('a capture never answered: DEVICE_TIMEOUT, cancelled at the service, offline until the health answers', async () => {
    // the capture window short, the answer time not: the health at open and after the fault is
    // cleared must answer within it on a loaded machine too
    const { service, driver } = await cameraOnService(
      {},
      { captureTimeoutMs: 150, requestTimeoutMs: 1_000, healthPollMs: 3_600_000 },
    );
    service.setFault('silent');
    await expect(driver.captureAndMatch(referencePhoto())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_TIMEOUT,
    });
    expect(driver.status()).toMatchObject({ device: 'offline', fault: { code: ErrorCode.DEVICE_TIMEOUT } });
    await eventually(() => service.framesHeld, 'no frame held at the service', {
      withinMs: 5_000,
      until: (held) => held === 0,
    });
    expect(service.capturesCancelled).toBe(1);
    expect(service.framesHeld).toBe(0);
    service.setFault(null);
    await expect(driver.selfTest()).resolves.toMatchObject({ device: 'online' });
  });

  it('a health never answered at open: offline with DEVICE_TIMEOUT', async () => {
    const { url } = await oddService(() => undefined);
    const driver = driverOn(url, { requestTimeoutMs: 150 });
    await expect(driver.open()).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
    expect(driver.status()).toMatchObject({ device: 'offline', fault: { code: ErrorCode.DEVICE_TIMEOUT } });
  });
});
