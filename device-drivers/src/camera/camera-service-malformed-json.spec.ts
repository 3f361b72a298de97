/**
 * Fault: the face-match service answers something that is not JSON, or JSON of another shape
 * (a proxy's error page, a half-written answer, another version of the API). A coded
 * DEVICE_PROTOCOL_ERROR, never a crash and never a score; the refusal carries nothing of the answer
 * (a faulty service could echo the photo back), and the camera reads offline until its health
 * answers well again.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import {
  cameraOnService,
  driverOn,
  oddService,
  readyWithCaptures,
  referencePhoto,
} from './camera-http.spec-support.js';

describe('fault: camera-service-malformed-json', () => {
  it('a capture answered with broken JSON: DEVICE_PROTOCOL_ERROR, the camera offline, back by its health', async () => {
    const { service, driver } = await cameraOnService({}, { healthPollMs: 3_600_000 });
    service.setFault('malformedJson');
    await expect(driver.captureAndMatch(referencePhoto())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_PROTOCOL_ERROR,
    });
    expect(driver.status()).toMatchObject({
      device: 'offline',
      fault: { code: ErrorCode.DEVICE_PROTOCOL_ERROR },
    });
    service.setFault(null);
    await expect(driver.selfTest()).resolves.toMatchObject({ device: 'online' });
    await expect(driver.captureAndMatch(referencePhoto())).resolves.toEqual({ score: 92 });
  });

  it('an answer of another shape echoing the photo: refused, and the refusal and status carry none of it', async () => {
    const { url } = await oddService(
      readyWithCaptures((_id, body) => ({ status: 200, text: JSON.stringify({ echo: JSON.parse(body) }) })),
    );
    const driver = driverOn(url);
    await driver.open();
    const photo = referencePhoto();
    const base64 = Buffer.from(photo).toString('base64');
    const refusal = await driver.captureAndMatch(photo).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(KioskError);
    expect(refusal).toMatchObject({ code: ErrorCode.DEVICE_PROTOCOL_ERROR });
    const told = JSON.stringify({ refusal, message: (refusal as Error).message, status: driver.status() });
    expect(told).not.toContain(base64.slice(0, 40));
  });

  it('an answer past the size an answer can be (an image sent back): refused, not read on', async () => {
    const { url } = await oddService(
      readyWithCaptures((captureId) => ({
        status: 200,
        text: JSON.stringify({ captureId, outcome: 'matched', score: 90, frame: 'A'.repeat(200_000) }),
      })),
    );
    const driver = driverOn(url);
    await driver.open();
    await expect(driver.captureAndMatch(referencePhoto())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_PROTOCOL_ERROR,
    });
  });

  it('a health that is not JSON at open: offline with DEVICE_PROTOCOL_ERROR', async () => {
    const { url } = await oddService((_req, _body, res) => res.writeHead(200).end('<html>proxy</html>'));
    const driver = driverOn(url);
    await expect(driver.open()).rejects.toMatchObject({ code: ErrorCode.DEVICE_PROTOCOL_ERROR });
    expect(driver.status()).toMatchObject({
      device: 'offline',
      fault: { code: ErrorCode.DEVICE_PROTOCOL_ERROR },
    });
  });
});
