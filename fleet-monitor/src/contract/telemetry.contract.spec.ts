import { describe, expect, it } from '@jest/globals';
import {
  CommandSchema,
  HeartbeatSchema,
  parseTelemetryTopic,
  StatusMessageSchema,
  TelemetryEventSchema,
  telemetryTopic,
} from './telemetry.contract.js';
import { EventAckSchema } from './event-ack.contract.js';

const at = '2026-11-26T20:00:00.000Z';
const id = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';

describe('telemetry topics', () => {
  it("takes the daemon's configured ids as they are", () => {
    expect(parseTelemetryTopic('kiosk/JZ-0001/heartbeat')).toEqual({
      kioskId: 'JZ-0001',
      channel: 'heartbeat',
    });
  });

  it('builds and reads back each channel', () => {
    expect(telemetryTopic('hall-3-k07', 'commands/ack')).toBe('kiosk/hall-3-k07/commands/ack');
    expect(parseTelemetryTopic('kiosk/hall-3-k07/commands/ack')).toEqual({
      kioskId: 'hall-3-k07',
      channel: 'commands/ack',
    });
    expect(parseTelemetryTopic('kiosk/hall-3-k07/status')).toEqual({
      kioskId: 'hall-3-k07',
      channel: 'status',
    });
  });

  it.each([
    ['kiosk/+/status'],
    ['kiosk/k_1/status'],
    ['kiosk/k1/other'],
    ['kiosk/k1/status/x'],
    ['fleet/k1/status'],
  ])('refuses topic %j', (topic) => expect(parseTelemetryTopic(topic)).toBeUndefined());
});

describe('telemetry payloads', () => {
  it('accepts an online status and a last-will offline status', () => {
    const online = {
      connection: 'online',
      kioskId: 'k1',
      mode: 'degraded',
      version: '0.1.0',
      journeysOffered: ['balance'],
      devices: [
        { kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: 'empty', count: 0 }] },
      ],
      heartbeatIntervalS: 10,
      at,
    };
    expect(StatusMessageSchema.parse(online)).toEqual(online);
    expect(
      StatusMessageSchema.parse({ connection: 'offline', kioskId: 'k1', cause: 'lastWill', at }).connection,
    ).toBe('offline');
  });

  it('refuses personal data smuggled into an event as an extra field', () => {
    const outcome = {
      id,
      kioskId: 'k1',
      seq: 1,
      at,
      type: 'journeyOutcome',
      journey: 'withdraw',
      outcome: 'completed',
      durationMs: 5,
    };
    expect(TelemetryEventSchema.safeParse(outcome).success).toBe(true);
    expect(TelemetryEventSchema.safeParse({ ...outcome, idNumber: '11010519491231002X' }).success).toBe(
      false,
    );
  });

  it('refuses a fault code written as free text', () => {
    const fault = {
      id,
      kioskId: 'k1',
      seq: 2,
      at,
      type: 'deviceFault',
      device: 'cardPrinter',
      code: 'jam at the exit of Mr Wang',
    };
    expect(TelemetryEventSchema.safeParse(fault).success).toBe(false);
  });

  it('a supply act left for staff names its device and supply, a supply written as free text refused', () => {
    const left = {
      id,
      kioskId: 'k1',
      seq: 3,
      at,
      type: 'recoveryNeedsStaff',
      code: 'MAINTENANCE_SUPPLY_UNSETTLED',
      device: 'receiptPrinter',
      supply: 'paper',
    };
    expect(TelemetryEventSchema.safeParse(left).success).toBe(true);
    expect(TelemetryEventSchema.safeParse({ ...left, supply: 'paper of Mr Wang' }).success).toBe(false);
    // a recovery of a self test names none
    const { device: _device, supply: _supply, ...selfTest } = left;
    expect(TelemetryEventSchema.safeParse({ ...selfTest, code: 'SELF_TEST_FAILED' }).success).toBe(true);
  });

  it('refuses a heartbeat with a negative queue and a command of an unknown type', () => {
    expect(HeartbeatSchema.safeParse({ kioskId: 'k1', seq: 1, at, uptimeS: 1, queued: -1 }).success).toBe(
      false,
    );
    expect(
      CommandSchema.safeParse({ id, kioskId: 'k1', issuedAt: at, issuedBy: 'op', type: 'selfDestruct' })
        .success,
    ).toBe(false);
  });
});

describe('event acks', () => {
  it('names one or more stored events of one kiosk, nothing else', () => {
    expect(EventAckSchema.safeParse({ kioskId: 'k1', ids: [id], at }).success).toBe(true);
    expect(EventAckSchema.safeParse({ kioskId: 'k1', ids: [], at }).success).toBe(false);
    expect(EventAckSchema.safeParse({ kioskId: 'k1', ids: ['not-a-uuid'], at }).success).toBe(false);
    expect(EventAckSchema.safeParse({ kioskId: 'k1', ids: [id], at, note: 'x' }).success).toBe(false);
    expect(parseTelemetryTopic('kiosk/k1/events/ack')).toEqual({ kioskId: 'k1', channel: 'events/ack' });
  });
});
