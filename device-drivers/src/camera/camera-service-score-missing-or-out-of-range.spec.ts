/**
 * Fault: the face-match service's answer says matched but its score is missing, out of 0–100,
 * not a whole number, or it answers another capture than the one asked. Each is a
 * DEVICE_PROTOCOL_ERROR: the session never sees a score it could take for a match.
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

describe('fault: camera-service-score-missing-or-out-of-range', () => {
  it.each([['missingScore'], ['scoreOutOfRange'], ['otherCaptureId']] as const)(
    'the service answering %s: DEVICE_PROTOCOL_ERROR, no score',
    async (fault) => {
      const { service, driver } = await cameraOnService({}, { healthPollMs: 3_600_000 });
      service.setFault(fault);
      await expect(driver.captureAndMatch(referencePhoto())).rejects.toMatchObject({
        code: ErrorCode.DEVICE_PROTOCOL_ERROR,
      });
      expect(driver.status()).toMatchObject({
        device: 'offline',
        fault: { code: ErrorCode.DEVICE_PROTOCOL_ERROR },
      });
    },
  );

  it.each([
    ['a fractional score just under the accept score', 69.6],
    ['a negative score', -1],
    ['a score as text', '95'],
    ['no score at all', null],
  ])('%s: DEVICE_PROTOCOL_ERROR, never rounded into a match', async (_, score) => {
    const { url } = await oddService(
      readyWithCaptures((captureId) => ({
        status: 200,
        text: JSON.stringify({ captureId, outcome: 'matched', score }),
      })),
    );
    const driver = driverOn(url);
    await driver.open();
    await expect(driver.captureAndMatch(referencePhoto())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_PROTOCOL_ERROR,
    });
  });
});
