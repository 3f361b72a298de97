import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { startTestFleet, waitUntil } from '../testing/test-fleet.js';
import type { FleetMonitor } from '../fleet-monitor.js';
import { VirtualKiosk } from './virtual-kiosk.js';
import { pickFault, serviceReasonUnder, SIMULATED_FAULTS } from './simulated-faults.js';

let fleet: FleetMonitor;
let kiosk: VirtualKiosk;
let url: string;

beforeEach(async () => {
  const started = await startTestFleet({ kiosks: { 'sim-k0001': 'sim-secret-1' } });
  fleet = started.fleet;
  url = started.url;
  kiosk = new VirtualKiosk({
    url,
    kioskId: 'sim-k0001',
    password: 'sim-secret-1',
    heartbeatIntervalS: 1,
    journeyEveryMs: 5,
    refillAfterMs: 60_000,
    // no jam by chance: the jam specs jam a device themselves
    faultChance: 0,
  });
});
afterEach(async () => {
  await kiosk.stop();
  await fleet.stop();
});

/** a kiosk with residents far apart, so no supply runs out during a spec */
function quietKiosk(refillAfterMs = 60_000): VirtualKiosk {
  return new VirtualKiosk({
    url,
    kioskId: 'sim-k0001',
    password: 'sim-secret-1',
    heartbeatIntervalS: 1,
    journeyEveryMs: 60_000,
    refillAfterMs,
    faultChance: 0,
  });
}

/** starts the kiosk and waits until the monitor has its first status */
async function startAndAwaitStatus(): Promise<void> {
  await kiosk.start();
  await waitUntil(async () => Boolean((await fleet.store.kiosk('sim-k0001'))?.status), 'the status arrives');
}

describe('virtual kiosk', () => {
  it('publishes a status the monitor accepts and journey outcomes as residents come', async () => {
    await startAndAwaitStatus();
    await waitUntil(() => fleet.ingest.counters.events >= 10, 'journey outcomes arrive');
    expect(fleet.ingest.counters.rejected).toBe(0);
    expect((await fleet.store.kiosk('sim-k0001'))?.status?.devices.map((device) => device.kind)).toEqual([
      'cardReader',
      'receiptPrinter',
      'cardPrinter',
      'cashDispenser',
    ]);
  });

  it('goes out of service on command, acknowledges it and offers no journey', async () => {
    await startAndAwaitStatus();
    await fleet.sendCommand('sim-k0001', { type: 'outOfService' }, 'zhang');
    await waitUntil(
      async () => (await fleet.store.kiosk('sim-k0001'))?.status?.mode === 'outOfService',
      'the kiosk reports out of service',
    );
    expect((await fleet.store.kiosk('sim-k0001'))?.status?.journeysOffered).toEqual([]);
    await waitUntil(
      async () => (await fleet.store.commands('sim-k0001'))[0]?.result === 'done',
      'the ack is recorded',
    );
  });

  it("an operator's hold without a reason: out of service with REMOTE_OUT_OF_SERVICE, as a real kiosk reports it, and without it once back in service", async () => {
    kiosk = quietKiosk();
    await startAndAwaitStatus();
    await fleet.sendCommand('sim-k0001', { type: 'outOfService' }, 'zhang');
    await waitUntil(
      async () => (await fleet.store.kiosk('sim-k0001'))?.status?.mode === 'outOfService',
      'the kiosk reports out of service',
    );
    expect((await fleet.store.kiosk('sim-k0001'))?.status?.reason).toBe('REMOTE_OUT_OF_SERVICE');
    await fleet.sendCommand('sim-k0001', { type: 'inService' }, 'zhang');
    await waitUntil(
      async () => (await fleet.store.kiosk('sim-k0001'))?.status?.mode === 'inService',
      'the kiosk reports in service',
    );
    expect((await fleet.store.kiosk('sim-k0001'))?.status?.reason).toBeUndefined();
  });

  it("an operator's hold with a reason reports the command's reason, before a jammed card reader's", async () => {
    kiosk = quietKiosk();
    await startAndAwaitStatus();
    kiosk.jam('cardReader');
    await fleet.sendCommand('sim-k0001', { type: 'outOfService', reason: 'MAINTENANCE' }, 'zhang');
    await waitUntil(
      async () => (await fleet.store.commands('sim-k0001'))[0]?.result === 'done',
      'the ack is recorded',
    );
    await waitUntil(
      async () => (await fleet.store.kiosk('sim-k0001'))?.status?.reason === 'MAINTENANCE',
      "the kiosk reports the operator's reason",
    );
    const status = (await fleet.store.kiosk('sim-k0001'))!.status!;
    expect(status.mode).toBe('outOfService');
    expect(status.journeysOffered).toEqual([]);
  });

  it("reports its card printer's ribbon as a real card printer does (none reported reads as RIBBON_EMPTY)", async () => {
    kiosk = quietKiosk();
    await startAndAwaitStatus();
    const printer = (await fleet.store.kiosk('sim-k0001'))!.status!.devices.find(
      (device) => device.kind === 'cardPrinter',
    );
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
    await waitUntil(() => fleet.ingest.counters.acks === 1, 'the refusal arrives');
    // recorded by the kiosk's refusal or by the monitor's sweep, whichever came first: the same code
    expect((await fleet.store.commands('sim-k0001'))[0]).toMatchObject({ code: 'TELEMETRY_COMMAND_EXPIRED' });
    expect((await fleet.store.kiosk('sim-k0001'))?.status?.mode).not.toBe('outOfService');
  });

  it('a jammed card reader: CARD_READER_JAM on the reader, out of service (CARD_READER_DOWN) with no journey, a fault alert naming the jam', async () => {
    await startAndAwaitStatus();
    kiosk.jam('cardReader');
    await waitUntil(
      async () => (await fleet.store.kiosk('sim-k0001'))?.status?.mode === 'outOfService',
      'the kiosk reports out of service',
    );
    const status = (await fleet.store.kiosk('sim-k0001'))!.status!;
    expect(status.reason).toBe('CARD_READER_DOWN');
    expect(status.journeysOffered).toEqual([]);
    expect(status.devices.find((device) => device.kind === 'cardReader')).toMatchObject({
      device: 'hardwareError',
      faultCode: 'CARD_READER_JAM',
    });
    await waitUntil(
      async () => (await fleet.store.activeAlerts()).some((alert) => alert.code === 'CARD_READER_JAM'),
      'the fault alert is raised',
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
    await waitUntil(
      async () => (await fleet.store.kiosk('sim-k0001'))?.status?.mode === 'degraded',
      'the kiosk reports degraded',
    );
    const status = (await fleet.store.kiosk('sim-k0001'))!.status!;
    expect(status.reason).toBe('CASH_DISPENSER_DOWN');
    expect(status.journeysOffered).not.toContain('withdraw');
    expect(status.journeysOffered).toContain('balance');
    expect(status.devices.find((device) => device.kind === 'cashDispenser')).toMatchObject({
      device: 'hardwareError',
      faultCode: 'CASH_JAM',
    });
    await waitUntil(
      async () => (await fleet.store.kiosk('sim-k0001'))?.status?.mode === 'inService',
      'field staff free the jam',
    );
    const freed = (await fleet.store.kiosk('sim-k0001'))!.status!;
    expect(freed.journeysOffered).toContain('withdraw');
    expect(freed.reason).toBeUndefined();
  });

  it('a jammed card printer: CARD_PRINTER_JAM on the printer, degraded (CARD_PRINTER_DOWN) without the card making', async () => {
    await startAndAwaitStatus();
    kiosk.jam('cardPrinter');
    await waitUntil(
      async () =>
        (await fleet.store.kiosk('sim-k0001'))?.status?.devices.some(
          (d) => d.kind === 'cardPrinter' && d.device === 'hardwareError',
        ) === true,
      'the kiosk reports the jam',
    );
    const status = (await fleet.store.kiosk('sim-k0001'))!.status!;
    expect(status.mode).toBe('degraded');
    expect(status.reason).toBe('CARD_PRINTER_DOWN');
    expect(status.journeysOffered).not.toContain('issueCard');
    expect(status.journeysOffered).not.toContain('replaceCard');
    expect(status.devices.find((device) => device.kind === 'cardPrinter')).toMatchObject({
      faultCode: 'CARD_PRINTER_JAM',
    });
    expect(fleet.ingest.counters.rejected).toBe(0);
  });

  it('gives the reason a real kiosk gives first: the card reader, then the card making, the cash, the receipt', () => {
    const [cardPrinter, cardReader, cashDispenser] = SIMULATED_FAULTS;
    expect(serviceReasonUnder(undefined, [])).toBeUndefined();
    expect(serviceReasonUnder(cardReader, ['cardHopper', 'cassette', 'paper'])).toBe('CARD_READER_DOWN');
    // a jammed printer is down before its empty hopper counts
    expect(serviceReasonUnder(cardPrinter, ['cardHopper', 'paper'])).toBe('CARD_PRINTER_DOWN');
    // no blank cards stands before the cash dispenser's jam, as in the kiosk machine's order
    expect(serviceReasonUnder(cashDispenser, ['cardHopper'])).toBe('CARD_STOCK_EMPTY');
    expect(serviceReasonUnder(cashDispenser, ['cassette', 'paper'])).toBe('CASH_DISPENSER_DOWN');
    expect(serviceReasonUnder(undefined, ['paper', 'cassette'])).toBe('CASH_EMPTY');
    expect(serviceReasonUnder(undefined, ['paper'])).toBe('PAPER_EMPTY');
    // a used-up ribbon takes the card making away after the blanks, before the cash
    expect(serviceReasonUnder(undefined, ['ribbon', 'cassette', 'paper'])).toBe('RIBBON_EMPTY');
    expect(serviceReasonUnder(undefined, ['cardHopper', 'ribbon'])).toBe('CARD_STOCK_EMPTY');
    expect(serviceReasonUnder(cashDispenser, ['ribbon'])).toBe('RIBBON_EMPTY');
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
