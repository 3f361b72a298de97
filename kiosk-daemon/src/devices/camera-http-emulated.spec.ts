/**
 * The camera as a production kiosk has it, the face-match service over HTTP driven by the real
 * driver, in a profile that emulates the service (`devices.camera: { driver: http, emulated:
 * true }`): the daemon's devices start the service's emulator on loopback, the camera reads online,
 * the journeys that need a face match are offered, the demo panel's score and faults reach the
 * service, and the identification journey (the ID card read, the face matched, a try again) runs
 * through it. A service that is not running at boot is opened again by the daemon's reopen once
 * it answers (ADR 0020).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadConfig, type KioskConfig } from '@kiosk/config';
import * as cameraHttp from '@kiosk/device-drivers/camera-http-road';
import { CameraHttpDriver, CameraServiceEmulator } from '@kiosk/device-drivers/camera-http-road';
import { DEMO_RESIDENTS, ErrorCode, type DeviceStatus } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { journeysOffered, serviceReasons, ServiceReason } from '@kiosk/state-machines';
import { createActor, toPromise } from 'xstate';
import { provideIdentifyJourney } from '../journeys/identify-journey.js';
import { SessionScope, SessionScopes } from '../journeys/session-scope.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { DemoService } from '../sessions/demo.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { DevicesService } from './devices.service.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const FACE_JOURNEYS = ['withdraw', 'issueCard', 'replaceCard', 'resetPin', 'reportLoss'] as const;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The test profile with the camera named by `overrides`, its devices opened. */
async function devicesWith(
  overrides: string[],
  camera?: KioskConfig['devices']['camera'],
): Promise<DevicesService> {
  const base = loadConfig({ profile: 'test', overrides: ['journal.path=:memory:', ...overrides] });
  const config = camera ? { ...base, devices: { ...base.devices, camera } } : base;
  const devices = new DevicesService(config, { closers: [], cameraHttp });
  closers.push(() => devices.onApplicationShutdown());
  await devices.openAll();
  return devices;
}

const EMULATED = ['devices.camera.driver=http', 'devices.camera.emulated=true'];

/** The service's emulator behind the camera, as the demo panel reaches it. */
function serviceOf(devices: DevicesService): CameraServiceEmulator {
  const emulator = devices.emulators.camera;
  if (!(emulator instanceof CameraServiceEmulator)) throw new Error('not the service emulator');
  return emulator;
}

/** The demo panel's controls (only `notify` of the sessions is used by them). */
function demoPanel(devices: DevicesService): DemoService {
  const sessions = { notify: () => undefined } as unknown as SessionsService;
  return new DemoService(devices, sessions, {} as IssuanceHostService);
}

/** The identification journey as the daemon provides it, on these devices, in one session. */
async function identification(devices: DevicesService, config: Pick<KioskConfig, 'kiosk'>, stepMs = 10_000) {
  const { db, journal } = await openMemoryJournal();
  closers.push(() => (db as DataSource).destroy());
  const tx = await journal.openTransaction('s1', 'withdraw');
  const scopes = new SessionScopes();
  const scope = new SessionScope(journal, { transactionId: tx, locale: () => 'en', send: () => undefined });
  const logic = provideIdentifyJourney(
    { idReader: devices.idReader, camera: devices.camera, config: config as KioskConfig },
    scopes.of,
  );
  const actor = createActor(logic, {
    input: { sessionId: 's1', timeouts: { stepMs, warnMs: stepMs }, now: Date.now },
  });
  scopes.bind(actor.system, scope);
  closers.push(async () => {
    actor.stop();
  });
  return actor;
}

/** The resident lays their ID card on the reader; resolves once the reader saw it. */
async function placeIdCard(devices: DevicesService, key: string): Promise<void> {
  const placed = new Promise<void>((resolve) => {
    const off = devices.idReader.onCardEvent((e) => e.type === 'placed' && (off(), resolve()));
  });
  const reader = devices.emulators.idReader;
  if (!reader || !('placeCard' in reader)) throw new Error('no ID reader emulator');
  reader.placeCard(key);
  await placed;
}

describe('the face-match camera over HTTP, its service emulated', () => {
  it('reads online as the http driver and offers every journey that needs a face match', async () => {
    const d = await devicesWith(EMULATED);
    expect(d.camera).toBeInstanceOf(CameraHttpDriver);
    expect(d.camera.status()).toMatchObject({ kind: 'camera', device: 'online', driver: 'http' });
    expect(journeysOffered(d.statuses())).toEqual(expect.arrayContaining([...FACE_JOURNEYS]));
    expect(serviceReasons(d.statuses())).not.toContain(ServiceReason.CAMERA_DOWN);
  });

  it("the demo panel's face score and faults reach the service through the real driver", async () => {
    const d = await devicesWith([...EMULATED, 'devices.camera.matchScore=64']);
    const panel = demoPanel(d);
    await expect(d.camera.captureAndMatch(new Uint8Array([1, 2, 3]))).resolves.toEqual({ score: 64 });
    await panel.face(85);
    await expect(d.camera.captureAndMatch(new Uint8Array([1, 2, 3]))).resolves.toEqual({ score: 85 });
    await panel.fault('camera', 'noFace');
    await expect(d.camera.captureAndMatch(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({
      code: ErrorCode.FACE_NOT_DETECTED,
    });
    await panel.fault('camera', null);
    await panel.fault('camera', 'offline');
    await expect(d.camera.selfTest?.()).resolves.toMatchObject({ device: 'offline' });
    expect(journeysOffered(d.statuses())).not.toContain('withdraw');
    await panel.fault('camera', null);
    await expect(d.camera.selfTest?.()).resolves.toMatchObject({ device: 'online' });
    expect(serviceOf(d).framesHeld).toBe(0);
  });

  it('identifies a resident: the ID card read, a face below the accept score, another try that matches', async () => {
    const d = await devicesWith(EMULATED);
    const config = loadConfig({ profile: 'test', overrides: ['journal.path=:memory:'] });
    const service = serviceOf(d);
    service.setNextScore(45);
    service.setNextScore(88);
    const actor = await identification(d, config);
    const scores: number[] = [];
    actor.subscribe((s) => {
      if (s.matches('faceNotMatched') && s.context.faceScore !== undefined) {
        scores.push(s.context.faceScore);
        actor.send({ type: 'RETRY' });
      }
    });
    const done = toPromise(actor);
    actor.start();
    await placeIdCard(d, 'zhang');
    const output = await done;
    expect(output).toMatchObject({
      outcome: 'completed',
      faceScore: 88,
      faceTries: 2,
      resident: { idNumber: zhang.idNumber },
    });
    expect(scores).toEqual([45]);
    expect(service.capturesAsked).toBe(2);
    expect(service.framesHeld).toBe(0);
  });

  it("fault: the step's time runs out while the camera captures: identification timed out, the capture cancelled at the service", async () => {
    const d = await devicesWith(EMULATED);
    const config = loadConfig({ profile: 'test', overrides: ['journal.path=:memory:'] });
    const service = serviceOf(d);
    service.setCaptureMs(3_600_000); // the resident never looks at the camera
    // each step's time, the ID card's read too: long enough for a loaded machine, never met by a
    // capture held for an hour
    const actor = await identification(d, config, 1_500);
    const done = toPromise(actor);
    actor.start();
    await placeIdCard(d, 'zhang');
    await expect(done).resolves.toMatchObject({
      outcome: 'timedOut',
      error: { code: ErrorCode.SESSION_TIMED_OUT },
    });
    await eventually(() => service.framesHeld, 'no frame held at the camera service', {
      withinMs: 5_000,
      until: (held) => held === 0,
    });
    expect(service.capturesAsked).toBe(1);
    expect(service.capturesCancelled).toBe(1);
    expect(d.camera.status().device).toBe('online');
  });

  it('fault: the service not running at boot: the camera offline, then opened again by the reopen once it answers', async () => {
    const probe = new CameraServiceEmulator();
    const { url, port } = await probe.listen();
    await probe.close();
    // as the production profile names it (the test profile's emulator score has no place there)
    const d = await devicesWith(['devices.reopen.firstIntervalMs=50', 'devices.reopen.maxIntervalMs=100'], {
      driver: 'http',
      url,
      emulated: false,
      captureTimeoutMs: 20_000,
      requestTimeoutMs: 500,
      healthPollMs: 3_600_000,
    });
    expect(d.camera.status()).toMatchObject({ device: 'offline', fault: { code: ErrorCode.DEVICE_OFFLINE } });
    expect(journeysOffered(d.statuses())).not.toContain('withdraw');
    const back = new Promise<DeviceStatus>((resolve) => {
      const off = d.camera.onStatus((s) => s.device === 'online' && (off(), resolve(s)));
    });
    const service = new CameraServiceEmulator({ defaultScore: 79 });
    await service.listen(port);
    closers.push(() => service.close());
    await expect(back).resolves.toMatchObject({ device: 'online', driver: 'http' });
    expect(journeysOffered(d.statuses())).toEqual(expect.arrayContaining([...FACE_JOURNEYS]));
    await expect(d.camera.captureAndMatch(new Uint8Array([1, 2, 3]))).resolves.toEqual({ score: 79 });
  });
});
