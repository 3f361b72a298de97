/**
 * Faults: a serial device that does not answer at boot (its cable plugged in later, a module slow
 * to power up) used to stay offline for the day, until field staff ran its self test: its open
 * failed once and nothing asked again. The daemon's devices on the real drivers, their byte-level
 * emulators on pseudo-terminal pairs (the test profile's road), the reopen's waits made short in
 * the configuration, as a field engineer sets them (`devices.reopen`, ADR 0020). Waits are for pushed statuses; the only fixed waits are a few reopen intervals, to
 * show that no open came while it must not.
 */
import type { Ga467EmulatorControls, IdCardEvent, LcdmEmulatorControls } from '@kiosk/device-drivers';
import type { DeviceKind, DeviceStatus } from '@kiosk/domain';
import { deviceSelfTests } from './device-reopen.js';
import { DevicesService } from './devices.service.js';
import { startSerialDevices } from './serial-devices.js';
import { serialConfig } from './serial-profile.spec-support.js';

const REOPEN = { firstIntervalMs: 100, maxIntervalMs: 400 };

interface Rig {
  readonly devices: DevicesService;
  readonly idReader: Ga467EmulatorControls;
  readonly cash: LcdmEmulatorControls;
  /** every status pushed, in order */
  readonly pushed: DeviceStatus[][];
}

const rigs: Rig[] = [];

async function startRig(): Promise<Rig> {
  const config = serialConfig(
    [
      `devices.reopen.firstIntervalMs=${REOPEN.firstIntervalMs}`,
      `devices.reopen.maxIntervalMs=${REOPEN.maxIntervalMs}`,
    ],
    { responseTimeoutMs: 300 },
  );
  const serial = await startSerialDevices(config);
  const devices = new DevicesService(config, serial);
  const pushed: DeviceStatus[][] = [];
  devices.onAnyStatus((statuses) => pushed.push(statuses));
  const rig = {
    devices,
    idReader: devices.emulators.idReader as Ga467EmulatorControls,
    cash: devices.emulators.cashDispenser as LcdmEmulatorControls,
    pushed,
  };
  rigs.push(rig);
  return rig;
}

afterEach(async () => {
  await Promise.all(rigs.splice(0).map((rig) => rig.devices.onApplicationShutdown()));
});

const stateOf = (devices: DevicesService, kind: DeviceKind) =>
  devices.statuses().find((s) => s.kind === kind)?.device;

/** Resolves with the pushed statuses once one says `kind` is online. */
function pushedOnline(devices: DevicesService, kind: DeviceKind): Promise<DeviceStatus[]> {
  return new Promise((resolve) => {
    const off = devices.onAnyStatus((statuses) => {
      if (statuses.find((s) => s.kind === kind)?.device !== 'online') return;
      off();
      resolve(statuses);
    });
  });
}

const intervals = (n: number) => new Promise((resolve) => setTimeout(resolve, REOPEN.maxIntervalMs * n));

describe('serial devices offline at boot', () => {
  it('ID reader silent at boot comes back by itself when it answers, its status pushed', async () => {
    const { devices, idReader, pushed } = await startRig();
    idReader.setFault('offline'); // the module does not answer (cable out on its side, powering up)
    await devices.openAll();
    expect(stateOf(devices, 'idReader')).toBe('offline');
    const back = pushedOnline(devices, 'idReader');
    idReader.setFault(null); // plugged in: the module answers
    const statuses = await back;
    expect(statuses.find((s) => s.kind === 'idReader')).toMatchObject({ device: 'online' });
    expect(pushed.length).toBeGreaterThan(0);
  });

  it('ID reader silent at boot, back with a card lying on it: the card is placed unseen, once, and read', async () => {
    const { devices, idReader } = await startRig();
    idReader.setFault('offline');
    await devices.openAll();
    const events: IdCardEvent[] = [];
    devices.idReader.onCardEvent((e) => events.push(e));
    idReader.placeCard('zhang'); // someone's card left there while the reader was silent
    const placed = new Promise<void>((resolve) => devices.idReader.onCardEvent(() => resolve()));
    idReader.setFault(null);
    await placed;
    expect(events).toEqual([{ type: 'placed', unseen: true }]);
    await expect(devices.idReader.readIdCard()).resolves.toMatchObject({ name: expect.any(String) });
    await intervals(2);
    expect(events).toEqual([{ type: 'placed', unseen: true }]); // none invented, none lost
  });

  it('ID reader silent mid-day comes back by itself, polling again', async () => {
    const { devices, idReader } = await startRig();
    await devices.openAll();
    expect(stateOf(devices, 'idReader')).toBe('online');
    idReader.setFault('offline');
    await new Promise<void>((resolve) => {
      const off = devices.idReader.onStatus((s) => {
        if (s.device !== 'offline') return;
        off();
        resolve();
      });
    });
    const back = pushedOnline(devices, 'idReader');
    idReader.setFault(null);
    await back;
    // the reader polls again: a card placed now is seen as placed (not unseen: it was watched)
    const placed = new Promise<IdCardEvent>((resolve) => devices.idReader.onCardEvent(resolve));
    idReader.placeCard('zhang');
    await expect(placed).resolves.toEqual({ type: 'placed' });
  });

  it('ID reader silent at boot is not opened again while a session runs, and is once it ended', async () => {
    const { devices, idReader } = await startRig();
    let sessionRuns = true;
    devices.respectSessions(() => sessionRuns);
    idReader.setFault('offline');
    await devices.openAll();
    idReader.setFault(null);
    await intervals(3);
    expect(stateOf(devices, 'idReader')).toBe('offline');
    const back = pushedOnline(devices, 'idReader');
    sessionRuns = false;
    await back;
  });

  it("ID reader silent at boot is not opened beside a staff self test of it: it waits for the test's turn", async () => {
    const { devices, idReader } = await startRig();
    idReader.setFault('offline');
    await devices.openAll();
    let endTest = () => undefined as void;
    const staffTest = deviceSelfTests.run(devices.idReader, () => new Promise<void>((r) => (endTest = r)));
    idReader.setFault(null);
    await intervals(3);
    expect(stateOf(devices, 'idReader')).toBe('offline');
    const back = pushedOnline(devices, 'idReader');
    endTest();
    await staffTest;
    await back;
  });

  it('cash dispenser offline at boot comes back by itself when it answers, its counts kept and no cash taken', async () => {
    const { devices, cash } = await startRig();
    cash.setFault('offline');
    await devices.openAll();
    expect(stateOf(devices, 'cashDispenser')).toBe('offline');
    const taken: number[] = [];
    devices.cashDispenser.onCashTaken((e) => taken.push(e.amountFen));
    const back = pushedOnline(devices, 'cashDispenser');
    cash.setFault(null);
    await back;
    expect(devices.cashDispenser.cassettes().map((c) => [c.id, c.count])).toEqual([
      ['upper', 30],
      ['lower', 40],
    ]);
    expect(devices.cashDispenser.presenter()).toMatchObject({ state: 'empty' });
    await intervals(2);
    expect(taken).toEqual([]);
  });

  it('cash dispenser silent mid-day comes back by itself when it answers again', async () => {
    const { devices, cash } = await startRig();
    await devices.openAll();
    expect(stateOf(devices, 'cashDispenser')).toBe('online');
    cash.setFault('offline');
    await devices.cashDispenser.selfTest?.(); // a STATUS unanswered: offline now
    expect(stateOf(devices, 'cashDispenser')).toBe('offline');
    const back = pushedOnline(devices, 'cashDispenser');
    cash.setFault(null);
    await back;
  });
});
