/** What the kiosk tells the fleet: valid contract payloads, codes only, no personal data. */
import { describe, expect, it } from '@jest/globals';
import type { DeviceStatus, KioskView } from '@kiosk/domain';
import { OnlineStatusSchema, TelemetryEventSchema } from '@kiosk/fleet-monitor/contract';
import { faultEvents, sessionEvents, toFleetStatus } from './fleet-telemetry-mapping.js';
import { onlineStatusMessage } from './fleet-status.spec-support.js';

const at = '2026-11-27T00:00:00.000Z';

function device(
  kind: DeviceStatus['kind'],
  state: DeviceStatus['device'] = 'online',
  extra = {},
): DeviceStatus {
  return { kind, device: state, supplies: [], driver: 'emulator', updatedAt: at, ...extra };
}

const view: KioskView = {
  kioskId: 'JZ-9001',
  mode: 'degraded',
  reason: 'PAPER_EMPTY',
  journeysOffered: ['balance'],
  devices: [],
  demo: false,
};

/** What the publisher adds before sending, to check the whole message against the contract. */
const envelope = { id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f', kioskId: 'JZ-9001', seq: 0, at };

describe('fleet status', () => {
  it('carries mode, reason, journeys, device states and supply counts, valid against the contract', () => {
    const status = toFleetStatus(view, [
      device('receiptPrinter', 'online', {
        supplies: [{ name: 'paper', level: 'empty', count: 0, capacity: 500, threshold: 50 }],
      }),
      device('cardPrinter', 'hardwareError', { fault: { code: 'CARD_PRINTER_JAM', message: 'jam' } }),
    ]);
    expect(status).toEqual({
      mode: 'degraded',
      reason: 'PAPER_EMPTY',
      journeysOffered: ['balance'],
      devices: [
        {
          kind: 'receiptPrinter',
          device: 'online',
          supplies: [{ name: 'paper', level: 'empty', count: 0, capacity: 500, threshold: 50 }],
        },
        { kind: 'cardPrinter', device: 'hardwareError', supplies: [], faultCode: 'CARD_PRINTER_JAM' },
      ],
    });
    expect(OnlineStatusSchema.safeParse(onlineStatusMessage(status, at)).success).toBe(true);
  });

  it("the card printer carries the journal's cards issued count (a count only), valid against the contract", () => {
    const devices = [device('cardPrinter'), device('receiptPrinter')];
    const status = toFleetStatus(view, devices, { cardsIssued: 12 });
    expect(status.devices.map((d) => d.issued)).toEqual([12, undefined]);
    expect(OnlineStatusSchema.safeParse(onlineStatusMessage(status, at)).success).toBe(true);
    // never counted (no card issued yet, or an older journal): not sent, rather than sent as 0
    expect(toFleetStatus(view, devices).devices[0]).not.toHaveProperty('issued');
  });

  it('carries every supply act left for staff, once per supply, valid against the contract; none read: not sent', () => {
    const paper = { device: 'receiptPrinter', supply: 'paper' } as const;
    const bin = { device: 'cardPrinter', supply: 'rejectBin' } as const;
    const status = toFleetStatus(view, [], { supplyActsLeft: [paper, bin, paper] });
    expect(status.supplyActsLeft).toEqual([paper, bin]);
    expect(OnlineStatusSchema.safeParse(onlineStatusMessage(status, at)).success).toBe(true);
    expect(toFleetStatus(view, [], { supplyActsLeft: [] }).supplyActsLeft).toEqual([]);
    // not read yet (boot recovery runs): nothing said of them, rather than none
    expect(toFleetStatus(view, [])).not.toHaveProperty('supplyActsLeft');
  });

  it('free text in a fault leaves the kiosk as a state code, never as the text', () => {
    const status = toFleetStatus(view, [
      device('cardReader', 'offline', { fault: { code: 'jam while Mr Wang waited', message: 'x' } }),
    ]);
    expect(status.devices[0]?.faultCode).toBe('DEVICE_OFFLINE');
    expect(JSON.stringify(status)).not.toContain('Wang');
  });
});

describe('fault events', () => {
  it('reports a device entering a fault and leaving it', () => {
    const healthy = [device('cardPrinter'), device('receiptPrinter')];
    const jammed = [
      device('cardPrinter', 'hardwareError', { fault: { code: 'CARD_PRINTER_JAM', message: 'jam' } }),
      device('receiptPrinter'),
    ];
    expect(faultEvents(healthy, jammed)).toEqual([
      { type: 'deviceFault', device: 'cardPrinter', code: 'CARD_PRINTER_JAM' },
    ]);
    expect(faultEvents(jammed, jammed)).toEqual([]);
    expect(faultEvents(jammed, healthy)).toEqual([{ type: 'faultCleared', device: 'cardPrinter' }]);
    for (const event of faultEvents(healthy, jammed))
      expect(TelemetryEventSchema.safeParse({ ...event, ...envelope }).success).toBe(true);
  });

  it('at start, reports every device already in a fault; absent devices are no fault', () => {
    expect(faultEvents(undefined, [device('camera', 'noDevice'), device('pinPad', 'offline')])).toEqual([
      { type: 'deviceFault', device: 'pinPad', code: 'DEVICE_OFFLINE' },
    ]);
  });
});

describe('session events', () => {
  it('a completed journey: its outcome and duration only', () => {
    expect(
      sessionEvents({ journey: 'balance', outcome: 'completed', code: null, durationMs: 1234.6 }),
    ).toEqual([{ type: 'journeyOutcome', journey: 'balance', outcome: 'completed', durationMs: 1235 }]);
  });

  it('a card left behind: a failed outcome with its code and a card retract', () => {
    const events = sessionEvents({ journey: 'records', outcome: 'cardRetracted', code: null, durationMs: 5 });
    expect(events).toEqual([
      {
        type: 'journeyOutcome',
        journey: 'records',
        outcome: 'failed',
        code: 'CARD_NOT_TAKEN_RETRACTED',
        durationMs: 5,
      },
      { type: 'retract', device: 'cardReader', item: 'card', code: 'CARD_NOT_TAKEN_RETRACTED' },
    ]);
    for (const event of events)
      expect(TelemetryEventSchema.safeParse({ ...event, ...envelope }).success).toBe(true);
  });

  it('cash left at the slot: a notes retract', () => {
    const events = sessionEvents({
      journey: 'withdraw',
      outcome: 'failed',
      code: 'CASH_NOT_TAKEN',
      durationMs: 9,
    });
    expect(events[1]).toEqual({
      type: 'retract',
      device: 'cashDispenser',
      item: 'notes',
      code: 'CASH_NOT_TAKEN',
    });
  });

  it.each(['ANOMALY_BLOCKED', 'PIN_BLOCKED', 'CASH_NOT_TAKEN'])(
    'anomaly monitoring: a session ended by %s is flagged to the fleet as an anomaly',
    (code) => {
      const events = sessionEvents({ journey: 'withdraw', outcome: 'failed', code, durationMs: 9 });
      expect(events).toContainEqual({ type: 'anomaly', code });
      for (const event of events)
        expect(TelemetryEventSchema.safeParse({ ...event, ...envelope }).success).toBe(true);
    },
  );

  it('an ordinary refusal is no anomaly', () => {
    const events = sessionEvents({
      journey: 'withdraw',
      outcome: 'failed',
      code: 'PIN_WRONG',
      durationMs: 9,
    });
    expect(events.map((e) => e.type)).toEqual(['journeyOutcome']);
  });
});
