/**
 * Fault: the demo profile (`npm start`, the README's run command) ran the in-memory PIN pad and
 * camera, so a person trying the kiosk never exercised the bytes a terminal's pad sends on its
 * serial line nor the face-match service's HTTP, while the ID reader and the dispenser ran their
 * real drivers against byte-level emulators. The demo profile now names the serial pad emulated on
 * a pseudo terminal and the camera over HTTP against the service's emulator: the demo panel's
 * on-screen pad presses keys on the emulated pad, its face score and faults (the pad's line faults,
 * the service's own) reach the emulators through the real drivers.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import { loadConfig } from '@kiosk/config';
import { loadEppSerialRoad, PinPadEmulator } from '@kiosk/device-drivers';
import {
  CAMERA_SERVICE_FAULTS,
  CameraHttpDriver,
  CameraServiceEmulator,
} from '@kiosk/device-drivers/camera-http-road';
import type { DeviceStatus } from '@kiosk/domain';
import { journeysOffered } from '@kiosk/state-machines';
import type { DevicesService } from '../devices/devices.service.js';
import { openedDevices, statusWhere } from '../devices/opened-devices.spec-support.js';
import { demoPanelOn } from './demo-panel.spec-support.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The demo profile's devices as `npm start` opens them (the journal aside). */
const demoDevices = () =>
  openedDevices(loadConfig({ profile: 'demo', overrides: ['journal.path=:memory:'] }), closers);
const demoPanel = demoPanelOn;
const cameraStatus = (devices: DevicesService, wanted: (s: DeviceStatus) => boolean) =>
  statusWhere(devices.camera, wanted);

describe('fault: the demo profile runs the in-memory PIN pad and camera', () => {
  it('runs the serial pad and the camera over HTTP on their real drivers, online, every journey offered', async () => {
    const devices = await demoDevices();
    expect(devices.emulators.pinPad).toBeInstanceOf((await loadEppSerialRoad()).EppEmulatorControls);
    expect(devices.emulators.pinPad).not.toBeInstanceOf(PinPadEmulator);
    expect(devices.pinPad.status()).toMatchObject({ device: 'online', driver: 'epp-serial' });
    expect(devices.camera).toBeInstanceOf(CameraHttpDriver);
    expect(devices.emulators.camera).toBeInstanceOf(CameraServiceEmulator);
    expect(devices.camera.status()).toMatchObject({ device: 'online', driver: 'http' });
    expect(journeysOffered(devices.statuses())).toEqual(
      expect.arrayContaining(['balance', 'withdraw', 'issueCard', 'changePin', 'resetPin']),
    );
  });

  it("the on-screen pad's keys reach the serial pad; the face score reaches the service", async () => {
    const devices = await demoDevices();
    const panel = demoPanel(devices);
    const entered: number[] = [];
    devices.pinPad.onKey((e) => entered.push(e.entered));
    const entry = devices.pinPad.collectPin({ length: 6 });
    for (const key of '271828') await panel.pinPadKey(key as '2');
    await eventually(() => entered.length === 6, 'the six digits entered', { withinMs: 10_000, everyMs: 5 });
    await panel.pinPadKey('enter');
    const result = await entry;
    if (result.result !== 'entered') throw new Error(result.result);
    expect(result.pin.useDigits((d) => Array.from(d).join(''))).toBe('271828');

    await expect(devices.camera.captureAndMatch(new Uint8Array([1, 2, 3]))).resolves.toEqual({ score: 92 });
    await panel.face(40);
    await expect(devices.camera.captureAndMatch(new Uint8Array([1, 2, 3]))).resolves.toEqual({ score: 40 });
  });

  it("the panel sets and clears each of the serial pad's line faults and the service's faults", async () => {
    const devices = await demoDevices();
    const panel = demoPanel(devices);
    const { EPP_DEMO_FAULTS } = await loadEppSerialRoad();
    const faults = [
      ...EPP_DEMO_FAULTS.map((fault) => ({ device: 'pinPad' as const, fault })),
      ...CAMERA_SERVICE_FAULTS.map((fault) => ({ device: 'camera' as const, fault })),
    ];
    for (const { device, fault } of faults) {
      await panel.fault(device, fault);
      expect(panel.state().faults).toEqual([{ device, fault }]);
      await panel.fault(device, null);
      expect(panel.state().faults).toEqual([]);
    }
  });

  it("the service's camera unplugged from the panel reads offline within the demo's health poll", async () => {
    const devices = await demoDevices();
    const panel = demoPanel(devices);
    await panel.fault('camera', 'offline');
    await cameraStatus(devices, (s) => s.device === 'offline');
    expect(journeysOffered(devices.statuses())).not.toContain('withdraw');
    await panel.fault('camera', null);
    await cameraStatus(devices, (s) => s.device === 'online');
  });
});
