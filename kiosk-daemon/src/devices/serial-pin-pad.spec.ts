/**
 * The PIN pad as a production kiosk has it, the SZZT style pad on its serial line driven by the
 * real driver, in a profile that emulates the pad on a pseudo terminal (`devices.pinPad: { driver:
 * serial, emulatedOnPseudoTerminal: true }`): the daemon's serial devices start the byte-level
 * emulator, the pad reads online, every PIN journey is offered, the demo panel's keys reach the
 * pad over the line and a PIN comes out as a SecurePin. Unplugged, the heartbeat finds it offline
 * and the PIN journeys are withdrawn; plugged back, the daemon's reopen brings it back (ADR 0020).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import { loadConfig } from '@kiosk/config';
import { loadGa467SerialRoad, loadLcdmSerialRoad, PinPadEmulator } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import { journeysOffered, serviceReasons, ServiceReason } from '@kiosk/state-machines';
import { demoPanelOn } from '../sessions/demo-panel.spec-support.js';
import { DevicesService } from './devices.service.js';
import { openedDevices, statusWhere } from './opened-devices.spec-support.js';
import { startSerialDevices } from './serial-devices.js';

const PIN_JOURNEYS = ['balance', 'records', 'withdraw', 'activatePin', 'changePin', 'resetPin'] as const;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The test profile with the serial pad emulated on a pseudo terminal, its devices opened. */
function serialPadConfig(overrides: string[] = []) {
  return loadConfig({
    profile: 'test',
    overrides: [
      'journal.path=:memory:',
      'devices.pinPad.driver=serial',
      'devices.pinPad.emulatedOnPseudoTerminal=true',
      ...overrides,
    ],
  });
}

const devicesWithSerialPad = (overrides: string[] = []) => openedDevices(serialPadConfig(overrides), closers);
const demoPanel = demoPanelOn;
const statusOf = (devices: DevicesService, wanted: (s: DeviceStatus) => boolean) =>
  statusWhere(devices.pinPad, wanted);

describe('the serial PIN pad emulated on a pseudo terminal', () => {
  it('reads online through the real driver; every PIN journey is offered', async () => {
    const devices = await devicesWithSerialPad();
    expect(devices.pinPad.status()).toMatchObject({ kind: 'pinPad', device: 'online', driver: 'epp-serial' });
    expect(journeysOffered(devices.statuses())).toEqual(expect.arrayContaining([...PIN_JOURNEYS]));
    expect(serviceReasons(devices.statuses())).not.toContain(ServiceReason.PIN_PAD_DOWN);
  });

  it("the demo panel's keys reach the pad over the line; the PIN comes out as a SecurePin only", async () => {
    const devices = await devicesWithSerialPad();
    const panel = demoPanel(devices);
    await expect(panel.pinPadKey('1')).rejects.toMatchObject({ code: 'DEVICE_BUSY' }); // nothing asks
    const entered: number[] = [];
    devices.pinPad.onKey((e) => entered.push(e.entered));
    const entry = devices.pinPad.collectPin({ length: 6 });
    for (const key of '142857') await panel.pinPadKey(key as '1');
    await eventually(() => entered.length === 6, 'the six digits entered', { withinMs: 10_000, everyMs: 5 });
    await panel.pinPadKey('enter');
    const result = await entry;
    if (result.result !== 'entered') throw new Error(result.result);
    expect(result.pin.useDigits((d) => Array.from(d).join(''))).toBe('142857');
    expect(JSON.stringify({ result, entered })).not.toContain('142857');
  });

  it('unplugged, the heartbeat finds it offline and the PIN journeys are withdrawn; plugged back, the reopen brings them back', async () => {
    const devices = await devicesWithSerialPad([
      'devices.reopen.firstIntervalMs=200',
      'devices.reopen.maxIntervalMs=400',
    ]);
    const panel = demoPanel(devices);
    await panel.fault('pinPad', 'offline');
    await statusOf(devices, (s) => s.device === 'offline');
    const offered = journeysOffered(devices.statuses());
    for (const journey of PIN_JOURNEYS) expect(offered).not.toContain(journey);
    expect(serviceReasons(devices.statuses())).toContain(ServiceReason.PIN_PAD_DOWN);
    await panel.fault('pinPad', null);
    await statusOf(devices, (s) => s.device === 'online');
    expect(journeysOffered(devices.statuses())).toEqual(expect.arrayContaining([...PIN_JOURNEYS]));
  });

  it('fault: no pseudo terminal on this platform — the in-memory pad runs instead, and the log says so', async () => {
    const log: string[] = [];
    const config = serialPadConfig();
    const noPair = () => Promise.reject(new KioskError(ErrorCode.DEVICE_OFFLINE, 'no openpty here'));
    const serial = await startSerialDevices(config, (line) => log.push(line), noPair);
    expect(serial.pinPad).toBeUndefined();
    expect(log).toEqual([
      expect.stringMatching(/^PIN pad: no pseudo-terminal pair here, the in-memory emulator runs instead/),
    ]);
    const devices = new DevicesService(config, serial);
    closers.push(() => devices.onApplicationShutdown());
    expect(devices.emulators.pinPad).toBeInstanceOf(PinPadEmulator);
  });

  it("fault: the PIN pad's serial road does not load — the start stops with DEVICE_OFFLINE naming it, no in-memory pad in its place", async () => {
    const notLoaded = new KioskError(
      ErrorCode.DEVICE_OFFLINE,
      'The PIN pad on its serial line cannot be driven: its code did not load (missing chunk).',
    );
    const log: string[] = [];
    const started = startSerialDevices(serialPadConfig(), (line) => log.push(line), undefined, {
      lcdm: loadLcdmSerialRoad,
      ga467: loadGa467SerialRoad,
      epp: () => Promise.reject(notLoaded),
    });
    await expect(started).rejects.toBe(notLoaded);
    expect(log).toEqual([]);
  });
});
