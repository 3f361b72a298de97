/**
 * Fault: a held withdrawal the late sweep (the host away at boot, `sweepHeldWithdrawals` in the
 * background) left for the dispenser's silence while the kiosk was in service was not settled when
 * the dispenser came back: the dispenser-back settlement ran only while a failed self test held the
 * kiosk. Now it runs with the kiosk held for it (LATE_SETTLEMENT_HOLD: nothing offered, read as a
 * self test), taken only while no session runs or is being started, and the kiosk is placed by its
 * devices after it. The wiring (`watchDispenserBack`) on the real kiosk actor; the dispenser and
 * recovery are stand-ins (the e2e `late-settlement-in-service-and-retried` runs the real ones).
 */
import { describe, expect, it } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import type { CashDispenserPort } from '@kiosk/device-drivers';
import { DEVICE_KINDS, type DeviceState, type DeviceStatus, type KioskView } from '@kiosk/domain';
import { kioskModeOf } from '@kiosk/state-machines';
import { waitFor } from 'xstate';
import { watchDispenserBack } from './dispenser-back-wiring.js';
import { createKioskActor } from './kiosk-actor.js';

/** What the journeys need of the supplies: a healthy kiosk's. */
const SUPPLIES: Partial<Record<DeviceStatus['kind'], DeviceStatus['supplies']>> = {
  cashDispenser: [
    { name: 'cassette:upper', level: 'ok', count: 500 },
    { name: 'cassette:lower', level: 'ok', count: 500 },
    { name: 'rejectBin', level: 'ok', count: 0, capacity: 50 },
    { name: 'retractBin', level: 'ok', count: 0, capacity: 100 },
  ],
  cardPrinter: [
    { name: 'cardHopper', level: 'ok', count: 200 },
    { name: 'ribbon', level: 'ok', count: 500 },
    { name: 'rejectBin', level: 'ok', count: 0, capacity: 50 },
  ],
  receiptPrinter: [{ name: 'paper', level: 'ok' }],
  cardReader: [{ name: 'captureBin', level: 'ok', count: 0, capacity: 30 }],
};

const statusOf = (kind: DeviceStatus['kind'], device: DeviceState): DeviceStatus => ({
  kind,
  device,
  supplies: SUPPLIES[kind] ?? [],
  driver: 'emulator',
  updatedAt: '2026-11-28T00:00:00.000Z',
});

async function rig() {
  let dispenser: DeviceState = 'offline';
  const statuses = () => DEVICE_KINDS.map((k) => statusOf(k, k === 'cashDispenser' ? dispenser : 'online'));
  const listeners = new Set<(s: DeviceStatus) => void>();
  const kiosk = createKioskActor(() => Promise.resolve(statuses()));
  kiosk.start();
  kiosk.send({ type: 'BOOTED' });
  await waitFor(kiosk, (s) => s.matches('degraded'));
  const seen: { mode: KioskView['mode']; offered: number }[] = [];
  let release: (() => void) | undefined;
  const recovery = {
    waiting: true,
    settled: 0,
    tell: undefined as (() => void) | undefined,
    get waitsForTheDispenser() {
      return this.waiting;
    },
    onWaitingForTheDispenser(listener: () => void) {
      this.tell = listener;
    },
    async settleWhenTheDispenserIsBack() {
      const s = kiosk.getSnapshot();
      seen.push({ mode: kioskModeOf(s), offered: s.context.journeysOffered.length });
      if (release === undefined) await new Promise<void>((resolve) => (release = resolve));
      this.settled += 1;
      this.waiting = false;
      return { leftForStaff: 0, stillWaiting: 0 };
    },
  };
  const port = {
    status: () => statusOf('cashDispenser', dispenser),
    onStatus: (listener: (s: DeviceStatus) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    selfTest: () => Promise.resolve(statusOf('cashDispenser', dispenser)),
  } as unknown as CashDispenserPort;
  const gate = { session: false };
  const logged: string[] = [];
  const wiring = watchDispenserBack(kiosk, {
    devices: { cashDispenser: port, statuses },
    reopen: { firstIntervalMs: 20, maxIntervalMs: 40 },
    recovery,
    sessionRuns: () => gate.session,
    log: { warn: (m) => logged.push(m), error: (m) => logged.push(m) },
  });
  /** The dispenser comes back: its status to the watch and, as the daemon relays it, to the kiosk. */
  const comesBack = () => {
    dispenser = 'online';
    for (const listener of [...listeners]) listener(port.status());
    kiosk.send({ type: 'DEVICES_CHANGED', statuses: statuses() });
  };
  const settledNow = () => {
    release ??= () => undefined;
    const go = release;
    release = () => undefined;
    go();
  };
  return { kiosk, recovery, seen, gate, wiring, comesBack, settledNow, logged };
}

describe('a withdrawal the late sweep left for the dispenser, the kiosk in service', () => {
  it('fault: the late sweep left it while the kiosk was in service: settled when the dispenser came back, the kiosk held meanwhile, then placed', async () => {
    const { kiosk, recovery, seen, wiring, comesBack, settledNow } = await rig();
    comesBack();
    await eventually(() => seen.length === 1, 'one self-test seen', { withinMs: 1_000, everyMs: 5 });
    // held: nothing offered, read as a self test, while it settles
    expect(seen).toEqual([{ mode: 'selfTest', offered: 0 }]);
    expect(kiosk.getSnapshot().value).toBe('lateSettlement');
    settledNow();
    await eventually(() => kiosk.getSnapshot().matches('inService'), 'the kiosk in service', {
      withinMs: 1_000,
      everyMs: 5,
    });
    expect(recovery.settled).toBe(1);
    wiring.stop();
    kiosk.stop();
  });

  it('the late sweep leaves it with the dispenser back already: settled on its word', async () => {
    const { kiosk, recovery, wiring, comesBack, settledNow } = await rig();
    recovery.waiting = false;
    comesBack();
    await new Promise((r) => setTimeout(r, 30));
    expect(recovery.settled).toBe(0);
    recovery.waiting = true;
    settledNow();
    recovery.tell?.();
    await eventually(() => recovery.settled === 1, 'settled once', { withinMs: 1_000, everyMs: 5 });
    await eventually(() => kiosk.getSnapshot().matches('inService'), 'the kiosk in service', {
      withinMs: 1_000,
      everyMs: 5,
    });
    wiring.stop();
    kiosk.stop();
  });

  it('dispenser back while a session runs or is being started: not held, not settled; settled once it ended', async () => {
    const { kiosk, recovery, gate, wiring, comesBack, settledNow } = await rig();
    gate.session = true;
    comesBack();
    await new Promise((r) => setTimeout(r, 100)); // looked at again each 20 ms meanwhile
    expect(recovery.settled).toBe(0);
    expect(kiosk.getSnapshot().value).toBe('inService');
    settledNow();
    gate.session = false;
    await eventually(() => recovery.settled === 1, 'settled once', { withinMs: 1_000, everyMs: 5 });
    await eventually(() => kiosk.getSnapshot().matches('inService'), 'the kiosk in service', {
      withinMs: 1_000,
      everyMs: 5,
    });
    wiring.stop();
    kiosk.stop();
  });

  it('staff log in during it: the visit is kept, not placed by its end', async () => {
    const { kiosk, recovery, seen, wiring, comesBack, settledNow } = await rig();
    comesBack();
    await eventually(() => seen.length === 1, 'one self-test seen', { withinMs: 1_000, everyMs: 5 });
    kiosk.send({ type: 'MAINTENANCE_ENTER' });
    settledNow();
    await eventually(() => recovery.settled === 1, 'settled once', { withinMs: 1_000, everyMs: 5 });
    await new Promise((r) => setTimeout(r, 10));
    expect(kiosk.getSnapshot().value).toBe('maintenance');
    wiring.stop();
    kiosk.stop();
  });

  it("the daemon's stop waits for a settlement under way, bounded", async () => {
    const { kiosk, recovery, seen, wiring, comesBack, settledNow } = await rig();
    comesBack();
    await eventually(() => seen.length === 1, 'one self-test seen', { withinMs: 1_000, everyMs: 5 });
    let stopped = false;
    const stopping = wiring.stopAndWait(5_000).then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(stopped).toBe(false);
    settledNow();
    await stopping;
    expect(recovery.settled).toBe(1);
    // the kiosk of a stopping daemon is told nothing more
    expect(kiosk.getSnapshot().value).toBe('lateSettlement');
    kiosk.stop();

    const other = await rig();
    other.comesBack();
    await eventually(() => other.seen.length === 1, "the other kiosk's self-test seen", {
      withinMs: 1_000,
      everyMs: 5,
    });
    await other.wiring.stopAndWait(20); // the bound passes: the stop goes on
    expect(other.recovery.settled).toBe(0);
    other.settledNow();
    other.kiosk.stop();
  });
});
