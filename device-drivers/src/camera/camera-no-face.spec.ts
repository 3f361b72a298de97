/**
 * Fault: no face before the camera (the resident looked away), or none in the ID card's photo.
 * FACE_NOT_DETECTED (the session counts it as a try), the queued score kept for the next try, the
 * camera online.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import {
  cameraOnService,
  driverOn,
  oddService,
  readyWithCaptures,
  referencePhoto,
} from './camera-http.spec-support.js';

describe('fault: camera-no-face', () => {
  it('no face in the capture window: FACE_NOT_DETECTED, the next try scores', async () => {
    const { service, driver } = await cameraOnService();
    service.setNextScore(83);
    service.setFault('noFace');
    await expect(driver.captureAndMatch(referencePhoto())).rejects.toMatchObject({
      code: ErrorCode.FACE_NOT_DETECTED,
    });
    expect(driver.status().device).toBe('online');
    service.setFault(null);
    await expect(driver.captureAndMatch(referencePhoto())).resolves.toEqual({ score: 83 });
  });

  it('no face in the ID card photo: FACE_NOT_DETECTED', async () => {
    const { url } = await oddService(
      readyWithCaptures((captureId) => ({
        status: 200,
        text: JSON.stringify({ captureId, outcome: 'referenceUnusable' }),
      })),
    );
    const driver = driverOn(url);
    await driver.open();
    await expect(driver.captureAndMatch(referencePhoto())).rejects.toMatchObject({
      code: ErrorCode.FACE_NOT_DETECTED,
      message: expect.stringMatching(/ID card photo/),
    });
    expect(driver.status().device).toBe('online');
  });
});
