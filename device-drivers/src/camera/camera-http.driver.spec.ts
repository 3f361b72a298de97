/**
 * The HTTP camera driver against the face-match service emulator on loopback: status from the
 * service's health, a score from a capture, nothing of an image kept or handed on.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { CameraHttpDriver } from './camera-http.driver.js';
import {
  cameraOnService,
  driverOn,
  oddService,
  pushed,
  readyWithCaptures,
  referencePhoto,
  statusesOf,
} from './camera-http.spec-support.js';
import { CameraServiceEmulator } from './camera-service.emulator.js';

describe('HTTP camera driver on the face-match service', () => {
  it('opens online by the service health, as the http driver', async () => {
    const { driver } = await cameraOnService();
    expect(driver.status()).toMatchObject({ kind: 'camera', device: 'online', driver: 'http' });
    expect(driver.status().fault).toBeUndefined();
  });

  it("scores with the service's score, the queued ones in order, and hands on the score only", async () => {
    const { service, driver } = await cameraOnService({ defaultScore: 88 });
    service.setNextScore(41);
    service.setNextScore(76);
    await expect(driver.captureAndMatch(referencePhoto())).resolves.toEqual({ score: 41 });
    await expect(driver.captureAndMatch(referencePhoto())).resolves.toEqual({ score: 76 });
    const last = await driver.captureAndMatch(referencePhoto());
    expect(last).toEqual({ score: 88 });
    expect(Object.keys(last)).toEqual(['score']);
    expect(service.capturesAsked).toBe(3);
    expect(service.framesHeld).toBe(0);
  });

  it('reads busy while it captures, online once the score is in', async () => {
    const { service, driver } = await cameraOnService({ captureMs: 100 });
    const seen = statusesOf(driver);
    const match = driver.captureAndMatch(referencePhoto());
    expect(driver.status().device).toBe('busy');
    await match;
    expect(seen.map((s) => s.device)).toEqual(['busy', 'online']);
    expect(service.framesHeld).toBe(0);
  });

  it('a face that fails the liveness check scores 0: a try that did not match', async () => {
    const { service, driver } = await cameraOnService();
    service.setFault('notLive');
    await expect(driver.captureAndMatch(referencePhoto())).resolves.toEqual({ score: 0 });
    expect(driver.status().device).toBe('online');
  });

  it('refuses an empty reference photo without asking the service', async () => {
    const { service, driver } = await cameraOnService();
    await expect(driver.captureAndMatch(new Uint8Array(0))).rejects.toMatchObject({
      code: ErrorCode.FACE_NOT_DETECTED,
    });
    expect(service.capturesAsked).toBe(0);
  });

  it("follows the service's health while idle: camera unplugged reads offline, plugged back online", async () => {
    const { service, driver } = await cameraOnService({}, { healthPollMs: 50 });
    const down = pushed(driver, (s) => s.device === 'offline');
    service.setFault('offline');
    await expect(down).resolves.toMatchObject({
      device: 'offline',
      fault: { code: ErrorCode.DEVICE_OFFLINE, message: expect.stringMatching(/no camera/) },
    });
    await expect(driver.captureAndMatch(referencePhoto())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OFFLINE,
    });
    const back = pushed(driver, (s) => s.device === 'online');
    service.setFault(null);
    await expect(back).resolves.toMatchObject({ device: 'online' });
    await expect(driver.captureAndMatch(referencePhoto())).resolves.toEqual({ score: 92 });
  });

  it('finds the service where a resolver says (the emulator on its ephemeral port)', async () => {
    const service = new CameraServiceEmulator({ defaultScore: 77 });
    const driver = new CameraHttpDriver({ url: async () => (await service.listen()).url });
    try {
      await driver.open();
      await expect(driver.captureAndMatch(referencePhoto())).resolves.toEqual({ score: 77 });
    } finally {
      await driver.close();
      await service.close();
    }
  });

  it("fault: a service URL with a path of its own (behind a local proxy): the calls go below it, not to the host's root", async () => {
    const { url, requests } = await oddService(
      readyWithCaptures((captureId) => ({
        status: 200,
        text: JSON.stringify({ captureId, outcome: 'matched', score: 71 }),
      })),
    );
    const driver = driverOn(`${url}face`);
    await driver.open();
    await expect(driver.captureAndMatch(referencePhoto())).resolves.toEqual({ score: 71 });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /face/v1/health',
      'POST /face/v1/captures',
    ]);
  });

  it('fault: a stale health (asked before a capture, answered busy after it) does not undo the state the capture left', async () => {
    let answerHealth: () => void = () => undefined;
    let healths = 0;
    const { url } = await oddService((req, body, res) => {
      if (req.method === 'GET') {
        healths += 1;
        const answer = () => res.writeHead(200).end(healths === 1 ? '{"state":"ready"}' : '{"state":"busy"}');
        if (healths === 1) answer();
        else answerHealth = answer; // the busy health held until the capture is over
        return;
      }
      const { captureId } = JSON.parse(body) as { captureId: string };
      setTimeout(
        () => res.writeHead(200).end(JSON.stringify({ captureId, outcome: 'matched', score: 80 })),
        50,
      );
    });
    const driver = driverOn(url);
    await driver.open();
    const health = driver.selfTest();
    await expect(driver.captureAndMatch(referencePhoto())).resolves.toEqual({ score: 80 });
    await eventually(() => healths, 'the second health check asked', {
      withinMs: 5_000,
      until: (asked) => asked >= 2,
    });
    answerHealth();
    await health;
    expect(driver.status().device).toBe('online');
  });

  it('closed, it reads offline and captures nothing', async () => {
    const { service, driver } = await cameraOnService();
    await driver.close();
    expect(driver.status()).toMatchObject({ device: 'offline', fault: { code: ErrorCode.DEVICE_OFFLINE } });
    await expect(driver.captureAndMatch(referencePhoto())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OFFLINE,
    });
    expect(service.capturesAsked).toBe(0);
  });
});
