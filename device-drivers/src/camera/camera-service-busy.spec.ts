/**
 * Fault: the camera is busy: the service refuses a capture while another runs there (409), or the
 * kiosk asks a second one while its first runs. DEVICE_BUSY, nothing scored, the camera stays
 * online (a busy service is a working one).
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { cameraOnService, referencePhoto } from './camera-http.spec-support.js';

describe('fault: camera-service-busy', () => {
  it('the service busy with another capture: DEVICE_BUSY, the camera still online', async () => {
    const { service, driver } = await cameraOnService();
    service.setFault('busy');
    await expect(driver.captureAndMatch(referencePhoto())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_BUSY,
    });
    expect(driver.status().device).toBe('online');
    service.setFault(null);
    await expect(driver.captureAndMatch(referencePhoto())).resolves.toEqual({ score: 92 });
  });

  it('a second capture while the first runs: DEVICE_BUSY, the first capture still running and scored', async () => {
    const { service, driver } = await cameraOnService({ captureMs: 100 });
    const first = driver.captureAndMatch(referencePhoto());
    await expect(driver.captureAndMatch(referencePhoto())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_BUSY,
    });
    // the refusal leaves the first capture's state alone
    expect(driver.status().device).toBe('busy');
    await expect(first).resolves.toEqual({ score: 92 });
    expect(service.capturesAsked).toBe(1);
    expect(driver.status().device).toBe('online');
  });
});
