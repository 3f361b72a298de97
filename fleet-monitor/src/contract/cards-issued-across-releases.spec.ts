/**
 * The card printer's issued count in the kiosk's status, across releases (ADR 0018): an optional
 * field, so this monitor reads a status carrying it closed and keeps it, a monitor of the release
 * before (its reading, the count unknown to it) keeps the status with the count left out, and a
 * status without it (an older kiosk) still reads; a count that is not a count is refused.
 */
import { describe, expect, it } from '@jest/globals';
import { DEVICE_KINDS } from '@kiosk/domain';
import { z } from 'zod';
import { ReceivedOnlineStatusSchema, readStatus } from './telemetry-reading.js';
import { OnlineStatusSchema, StatusMessageSchema } from './telemetry.contract.js';

const status = (printer: Record<string, unknown>) => ({
  connection: 'online',
  kioskId: 'JZ-9001',
  mode: 'inService',
  version: '0.9.0',
  journeysOffered: ['issueCard'],
  devices: [
    {
      kind: 'cardPrinter',
      device: 'online',
      supplies: [
        { name: 'cardHopper', level: 'ok', count: 37 },
        { name: 'rejectBin', level: 'ok', count: 2 },
      ],
      ...printer,
    },
  ],
  heartbeatIntervalS: 10,
  at: '2026-11-27T09:00:00.000Z',
});

/** How the release before read a status: its closed schema, then its open one, neither knowing `issued`. */
function readByReleaseBefore(body: unknown) {
  const devices = OnlineStatusSchema.shape.devices;
  const olderDevice = devices.element.omit({ issued: true });
  const closed = OnlineStatusSchema.extend({ devices: z.array(olderDevice).max(DEVICE_KINDS.length) });
  const openDevices = ReceivedOnlineStatusSchema.shape.devices;
  const open = ReceivedOnlineStatusSchema.extend({
    devices: z.array(openDevices.element.omit({ issued: true })).max(32),
  });
  return { closed: closed.safeParse(body).success, open: open.safeParse(body) };
}

describe('cards issued in the status, across releases', () => {
  it('this release: read closed, nothing unknown, the count kept', () => {
    const read = readStatus(status({ issued: 12 }));
    expect(StatusMessageSchema.safeParse(status({ issued: 12 })).success).toBe(true);
    expect(read).toMatchObject({ success: true, unknown: [] });
    expect(read.success && read.data.connection === 'online' && read.data.devices[0]).toMatchObject({
      issued: 12,
    });
  });

  it('a monitor of the release before: its closed schema refuses, its open one keeps the status, the count left out', () => {
    const older = readByReleaseBefore(status({ issued: 12 }));
    expect(older.closed).toBe(false);
    expect(older.open.success).toBe(true);
    expect(older.open.data?.devices[0]).not.toHaveProperty('issued');
    expect(older.open.data?.devices[0]?.supplies).toHaveLength(2);
  });

  it('a kiosk of the release before sends none: read closed, nothing unknown', () => {
    expect(readStatus(status({}))).toMatchObject({ success: true, unknown: [] });
  });

  it.each([[-1], [1.5], ['12']])(
    'fault: an issued count that is not a count (%p) is refused, as any count',
    (issued) => {
      expect(readStatus(status({ issued })).success).toBe(false);
    },
  );
});
