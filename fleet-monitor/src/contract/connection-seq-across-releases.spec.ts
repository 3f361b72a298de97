/**
 * The connection a status was sent on (`connectionSeq`: in the online status, the last will and the
 * clean stop; ADR 0011), across releases (ADR 0018): an optional field, so this monitor reads it
 * closed, a monitor of the release before keeps the status with it left out (and takes every will,
 * as before), and a status without it (an older kiosk) still reads. The count is checked as
 * strictly as any count.
 */
import { describe, expect, it } from '@jest/globals';
import {
  readHeartbeat,
  readStatus,
  ReceivedHeartbeatSchema,
  ReceivedOfflineStatusSchema,
} from './telemetry-reading.js';
import { readByReleaseBefore, statusInService } from './release-before.spec-support.js';
import { HeartbeatSchema, OfflineStatusSchema, StatusMessageSchema } from './telemetry.contract.js';

const will = (extra: Record<string, unknown>) => ({
  connection: 'offline',
  kioskId: 'JZ-9001',
  cause: 'lastWill',
  at: '2026-11-28T06:00:00.000Z',
  ...extra,
});

describe('the connection a status was sent on, across releases', () => {
  it('this release: the online status and the will read closed, the number kept', () => {
    for (const body of [statusInService({ connectionSeq: 7 }), will({ connectionSeq: 7 })]) {
      expect(StatusMessageSchema.safeParse(body).success).toBe(true);
      const read = readStatus(body);
      expect(read).toMatchObject({ success: true, unknown: [], data: { connectionSeq: 7 } });
    }
  });

  it('a monitor of the release before: the status and the will kept, the number left out', () => {
    const online = readByReleaseBefore('connectionSeq', statusInService({ connectionSeq: 7 }));
    expect(online.closed).toBe(false);
    expect(online.open.success).toBe(true);
    expect(online.open.data).not.toHaveProperty('connectionSeq');
    const olderOffline = ReceivedOfflineStatusSchema.omit({ connectionSeq: true });
    expect(
      OfflineStatusSchema.omit({ connectionSeq: true })
        .strict()
        .safeParse(will({ connectionSeq: 7 })).success,
    ).toBe(false);
    const offline = olderOffline.safeParse(will({ connectionSeq: 7 }));
    expect(offline.success && offline.data).toEqual(will({}));
  });

  it('a kiosk of the release before sends none: read closed, nothing unknown, not reported', () => {
    for (const body of [statusInService({}), will({})]) {
      const read = readStatus(body);
      expect(read).toMatchObject({ success: true, unknown: [] });
      expect(read.success && read.data).not.toHaveProperty('connectionSeq');
    }
  });

  it('heartbeat-of-an-earlier-connection-after-a-later-will: the heartbeat carries it too; the release before keeps the heartbeat without it, and one without it reads', () => {
    const heartbeat = { kioskId: 'JZ-9001', seq: 3, at: '2026-11-28T06:00:00.000Z', uptimeS: 30, queued: 0 };
    expect(readHeartbeat({ ...heartbeat, connectionSeq: 7 })).toMatchObject({
      success: true,
      unknown: [],
      data: { connectionSeq: 7 },
    });
    const before = HeartbeatSchema.omit({ connectionSeq: true });
    expect(before.strict().safeParse({ ...heartbeat, connectionSeq: 7 }).success).toBe(false);
    const open = ReceivedHeartbeatSchema.omit({ connectionSeq: true }).safeParse({
      ...heartbeat,
      connectionSeq: 7,
    });
    expect(open.success && open.data).toEqual(heartbeat);
    expect(readHeartbeat(heartbeat)).toMatchObject({ success: true, unknown: [], data: heartbeat });
    expect(readHeartbeat({ ...heartbeat, connectionSeq: -1 }).success).toBe(false);
  });

  it.each([
    ['below zero', -1],
    ['not whole', 1.5],
    ['not a number', '7'],
  ])('fault: a connection number %s is refused, as any count out of form', (_, connectionSeq) => {
    expect(readStatus(statusInService({ connectionSeq })).success).toBe(false);
    expect(readStatus(will({ connectionSeq })).success).toBe(false);
  });
});
