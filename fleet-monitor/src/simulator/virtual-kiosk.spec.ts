import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { eventually } from '@kiosk/domain/testing';
import { startTestFleet } from '../testing/test-fleet.js';
import type { FleetMonitor } from '../fleet-monitor.js';
import type { ReceivedOnlineStatus as OnlineStatus } from '../contract/telemetry-reading.js';
import type { Command } from '../contract/telemetry.contract.js';
import { VirtualKiosk } from './virtual-kiosk.js';
import { pickFault, SIMULATED_FAULTS } from './simulated-faults.js';

let fleet: FleetMonitor;
let kiosk: VirtualKiosk;
let url: string;

beforeEach(async () => {
  const started = await startTestFleet({ kiosks: { 'sim-k0001': 'sim-secret-1' } });
  fleet = started.fleet;
  url = started.url;
  kiosk = virtualKiosk(5);
});
afterEach(async () => {
  await kiosk.stop();
  await fleet.stop();
});

/** the kiosk of the fleet, a resident every `journeyEveryMs` on average */
function virtualKiosk(journeyEveryMs: number, refillAfterMs = 60_000): VirtualKiosk {
  return new VirtualKiosk({
    url,
    kioskId: 'sim-k0001',
    password: 'sim-secret-1',
    heartbeatIntervalS: 1,
    journeyEveryMs,
    refillAfterMs,
    // no jam by chance: the jam specs jam a device themselves
    faultChance: 0,
  });
}

/** a kiosk with residents far apart, so no supply runs out during a spec */
function quietKiosk(refillAfterMs = 60_000): VirtualKiosk {
  return virtualKiosk(60_000, refillAfterMs);
}

/** the kiosk's status as the monitor has it; none before the first */
async function status(): Promise<OnlineStatus | undefined> {
  return (await fleet.store.kiosk('sim-k0001'))?.status ?? undefined;
}

/** waits until the monitor has a status that `holds`, and reads it again */
async function statusWhen(holds: (status: OnlineStatus) => boolean, what: string): Promise<OnlineStatus> {
  await eventually(
    async () => {
      const now = await status();
      return now !== undefined && holds(now);
    },
    what,
    { withinMs: 5_000 },
  );
  return (await status())!;
}

/** waits until the monitor has recorded the kiosk's answer to the last command: done */
async function ackRecorded(): Promise<void> {
  await eventually(
    async () => (await fleet.store.commands('sim-k0001'))[0]?.result === 'done',
    'the ack is recorded',
    { withinMs: 5_000 },
  );
}

/** starts the kiosk and waits until the monitor has its first status */
async function startAndAwaitStatus(): Promise<void> {
  await kiosk.start();
  await statusWhen(() => true, 'the status arrives');
}

describe('virtual kiosk', () => {
  it('publishes a status the monitor accepts and journey outcomes as residents come', async () => {
    await startAndAwaitStatus();
    await eventually(() => fleet.ingest.counters.events >= 10, 'journey outcomes arrive', {
      withinMs: 5_000,
    });
    expect(fleet.ingest.counters.rejected).toBe(0);
    expect((await status())?.devices.map((device) => device.kind)).toEqual([
      'cardReader',
      'receiptPrinter',
      'cardPrinter',
      'cashDispenser',
    ]);
  });

  it('goes out of service on command, acknowledges it and offers no journey; its statuses numbered in its run and by its connection, as a real kiosk does', async () => {
    await startAndAwaitStatus();
    const before = (await status())!.run!;
    await fleet.sendCommand('sim-k0001', { type: 'outOfService' }, 'zhang');
    const held = await statusWhen((now) => now.mode === 'outOfService', 'the kiosk reports out of service');
    expect(held.journeysOffered).toEqual([]);
    expect(held.run?.id).toBe(before.id);
    expect(held.run!.seq).toBeGreaterThan(before.seq);
    // sent on its first connection, the number its last will carries too
    expect(held.connectionSeq).toBe(1);
    await ackRecorded();
  });

  it("an operator's hold without a reason: out of service with REMOTE_OUT_OF_SERVICE, as a real kiosk reports it, and without it once back in service", async () => {
    kiosk = quietKiosk();
    await startAndAwaitStatus();
    await fleet.sendCommand('sim-k0001', { type: 'outOfService' }, 'zhang');
    const held = await statusWhen((now) => now.mode === 'outOfService', 'the kiosk reports out of service');
    expect(held.reason).toBe('REMOTE_OUT_OF_SERVICE');
    await fleet.sendCommand('sim-k0001', { type: 'inService' }, 'zhang');
    const released = await statusWhen((now) => now.mode === 'inService', 'the kiosk reports in service');
    expect(released.reason).toBeUndefined();
  });

  it('a command delivered again after the one that followed it: answered as it was, not run again, as a real kiosk answers from its journal', async () => {
    kiosk = quietKiosk();
    await startAndAwaitStatus();
    const hold = await fleet.sendCommand('sim-k0001', { type: 'outOfService' }, 'zhang');
    await statusWhen((now) => now.mode === 'outOfService', 'the kiosk reports out of service');
    await fleet.sendCommand('sim-k0001', { type: 'inService' }, 'zhang');
    await statusWhen((now) => now.mode === 'inService', 'the kiosk reports in service');
    await eventually(() => fleet.ingest.counters.acks === 2, 'both answered', { withinMs: 5_000 });
    await fleet.broker.publishCommand('sim-k0001', JSON.stringify(hold));
    // a command after it: by its answer the hold's second delivery, and any status it sent, are in
    await fleet.sendCommand('sim-k0001', { type: 'runSelfTest' }, 'zhang');
    await eventually(() => fleet.ingest.counters.acks === 4, 'the hold answered again', { withinMs: 5_000 });
    expect((await status())?.mode).toBe('inService');
  });

  it("an operator's hold with a reason reports the command's reason, before a jammed card reader's", async () => {
    kiosk = quietKiosk();
    await startAndAwaitStatus();
    kiosk.jam('cardReader');
    await fleet.sendCommand('sim-k0001', { type: 'outOfService', reason: 'MAINTENANCE' }, 'zhang');
    await ackRecorded();
    const held = await statusWhen(
      (now) => now.reason === 'MAINTENANCE',
      "the kiosk reports the operator's reason",
    );
    expect(held.mode).toBe('outOfService');
    expect(held.journeysOffered).toEqual([]);
  });

  it("reports its card printer's ribbon as a real card printer does (none reported reads as RIBBON_EMPTY)", async () => {
    kiosk = quietKiosk();
    await startAndAwaitStatus();
    const printer = (await status())!.devices.find((device) => device.kind === 'cardPrinter');
    const ribbon = printer?.supplies.find((supply) => supply.name === 'ribbon');
    expect(ribbon?.count).toBeGreaterThan(0);
    expect(ribbon?.level).not.toBe('empty');
    expect(fleet.ingest.counters.rejected).toBe(0);
  });

  it('an out-of-service command that reaches it past its expiry (it was away) is refused with TELEMETRY_COMMAND_EXPIRED', async () => {
    await startAndAwaitStatus();
    const late = {
      id: randomUUID(),
      kioskId: 'sim-k0001',
      type: 'outOfService',
      issuedAt: new Date(Date.now() - 60_000).toISOString(),
      issuedBy: 'zhang',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    } as const;
    await fleet.store.saveCommand(late);
    await fleet.broker.publishCommand('sim-k0001', JSON.stringify(late));
    await eventually(() => fleet.ingest.counters.acks === 1, 'the refusal arrives', { withinMs: 5_000 });
    // recorded by the kiosk's refusal or by the monitor's sweep, whichever came first: the same code
    expect((await fleet.store.commands('sim-k0001'))[0]).toMatchObject({ code: 'TELEMETRY_COMMAND_EXPIRED' });
    expect((await status())?.mode).not.toBe('outOfService');
  });

  it("a newer monitor's command of a type the kiosk does not know is refused with TELEMETRY_COMMAND_UNKNOWN, not left silent until it expires", async () => {
    await startAndAwaitStatus();
    // as a newer monitor records and sends it (ADR 0018)
    const newer = {
      id: randomUUID(),
      kioskId: 'sim-k0001',
      type: 'reloadConfig',
      issuedAt: new Date().toISOString(),
      issuedBy: 'zhang',
    } as unknown as Command;
    await fleet.store.saveCommand(newer);
    await fleet.broker.publishCommand('sim-k0001', JSON.stringify(newer));
    await eventually(() => fleet.ingest.counters.acks === 1, 'the refusal arrives', { withinMs: 5_000 });
    expect((await fleet.store.commands('sim-k0001'))[0]).toMatchObject({
      id: newer.id,
      result: 'rejected',
      code: 'TELEMETRY_COMMAND_UNKNOWN',
    });
  });

  it('a known command with a field the kiosk does not know is refused as TELEMETRY_COMMAND_MALFORMED and not run', async () => {
    await startAndAwaitStatus();
    const withNewField = {
      id: randomUUID(),
      kioskId: 'sim-k0001',
      type: 'outOfService',
      issuedAt: new Date().toISOString(),
      issuedBy: 'zhang',
      until: new Date(Date.now() + 60_000).toISOString(),
    } as unknown as Command;
    await fleet.store.saveCommand(withNewField);
    await fleet.broker.publishCommand('sim-k0001', JSON.stringify(withNewField));
    await eventually(() => fleet.ingest.counters.acks === 1, 'the refusal arrives', { withinMs: 5_000 });
    expect((await fleet.store.commands('sim-k0001'))[0]).toMatchObject({
      id: withNewField.id,
      result: 'rejected',
      code: 'TELEMETRY_COMMAND_MALFORMED',
    });
    expect((await status())?.mode).not.toBe('outOfService');
  });

  it('a jammed card reader: CARD_READER_JAM on the reader, degraded (CARD_READER_DOWN) with a new card and a loss report only, a fault alert naming the jam', async () => {
    await startAndAwaitStatus();
    kiosk.jam('cardReader');
    const jammed = await statusWhen(
      (now) => now.reason === 'CARD_READER_DOWN',
      'the kiosk reports the reader down',
    );
    expect(jammed.mode).toBe('degraded');
    expect(jammed.journeysOffered.filter((j) => !['issueCard', 'reportLoss'].includes(j))).toEqual([]);
    expect(jammed.journeysOffered).toContain('reportLoss');
    expect(jammed.devices.find((device) => device.kind === 'cardReader')).toMatchObject({
      device: 'hardwareError',
      faultCode: 'CARD_READER_JAM',
    });
    await eventually(
      async () => (await fleet.store.activeAlerts()).some((alert) => alert.code === 'CARD_READER_JAM'),
      'the fault alert is raised',
      { withinMs: 5_000 },
    );
    expect((await fleet.store.activeAlerts()).find((alert) => alert.kind === 'deviceFault')).toMatchObject({
      key: 'fault/cardReader',
      code: 'CARD_READER_JAM',
    });
    expect(fleet.ingest.counters.rejected).toBe(0);
  });

  it('a jammed cash dispenser: CASH_JAM on the dispenser, degraded (CASH_DISPENSER_DOWN) without the withdrawal, then freed by field staff', async () => {
    kiosk = quietKiosk(2_000);
    await startAndAwaitStatus();
    kiosk.jam('cashDispenser');
    const jammed = await statusWhen((now) => now.mode === 'degraded', 'the kiosk reports degraded');
    expect(jammed.reason).toBe('CASH_DISPENSER_DOWN');
    expect(jammed.journeysOffered).not.toContain('withdraw');
    expect(jammed.journeysOffered).toContain('balance');
    expect(jammed.devices.find((device) => device.kind === 'cashDispenser')).toMatchObject({
      device: 'hardwareError',
      faultCode: 'CASH_JAM',
    });
    const freed = await statusWhen((now) => now.mode === 'inService', 'field staff free the jam');
    expect(freed.journeysOffered).toContain('withdraw');
    expect(freed.reason).toBeUndefined();
  });

  it('a jammed card printer: CARD_PRINTER_JAM on the printer, degraded (CARD_PRINTER_DOWN) without the card making', async () => {
    await startAndAwaitStatus();
    kiosk.jam('cardPrinter');
    const jammed = await statusWhen(
      (now) => now.devices.some((d) => d.kind === 'cardPrinter' && d.device === 'hardwareError'),
      'the kiosk reports the jam',
    );
    expect(jammed.mode).toBe('degraded');
    expect(jammed.reason).toBe('CARD_PRINTER_DOWN');
    expect(jammed.journeysOffered).not.toContain('issueCard');
    expect(jammed.journeysOffered).not.toContain('replaceCard');
    expect(jammed.devices.find((device) => device.kind === 'cardPrinter')).toMatchObject({
      faultCode: 'CARD_PRINTER_JAM',
    });
    expect(fleet.ingest.counters.rejected).toBe(0);
  });

  it('jams now and then the card printer, the card reader and the cash dispenser, each with its own code', () => {
    expect([0, 0.4, 0.99].map((roll) => pickFault(roll))).toEqual(SIMULATED_FAULTS);
    expect(SIMULATED_FAULTS.map((fault) => fault.code)).toEqual([
      'CARD_PRINTER_JAM',
      'CARD_READER_JAM',
      'CASH_JAM',
    ]);
  });
});
