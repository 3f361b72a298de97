/**
 * Fault: the session ends while the camera captures (the resident walks away, the step's time runs
 * out, the card is pulled). The capture is refused DEVICE_OPERATION_CANCELLED and cancelled at the
 * service too: its camera stops and it holds no frame; the camera stays online for the next one.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { cameraOnService, pushed, referencePhoto } from './camera-http.spec-support.js';

describe('fault: camera-capture-aborted', () => {
  it('aborted mid-capture: DEVICE_OPERATION_CANCELLED, cancelled at the service, no frame held', async () => {
    // the capture's own bound far off: only the abort ends it
    const { service, driver } = await cameraOnService({ captureMs: 60_000 }, { captureTimeoutMs: 60_000 });
    const controller = new AbortController();
    const capturing = pushed(driver, (s) => s.device === 'busy');
    const pending = driver.captureAndMatch(referencePhoto(), controller.signal);
    await capturing;
    await eventually(() => service.capturesAsked, 'the capture asked at the service', { withinMs: 5_000 });
    expect(service.framesHeld).toBe(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: ErrorCode.DEVICE_OPERATION_CANCELLED });
    await eventually(() => service.framesHeld, 'no frame held at the service', {
      withinMs: 5_000,
      until: (held) => held === 0,
    });
    expect(service.capturesCancelled).toBe(1);
    expect(driver.status().device).toBe('online');
    service.setCaptureMs(0);
    await expect(driver.captureAndMatch(referencePhoto())).resolves.toEqual({ score: 92 });
  });

  it('a signal aborted before: cancelled, the service never asked', async () => {
    const { service, driver } = await cameraOnService();
    await expect(driver.captureAndMatch(referencePhoto(), AbortSignal.abort())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OPERATION_CANCELLED,
    });
    expect(service.capturesAsked).toBe(0);
  });
});
