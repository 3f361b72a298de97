/**
 * What a failed self test came of (`cause`, beside SELF_TEST_FAILED) in the kiosk's status and its
 * `recoveryNeedsStaff` event, across releases (ADR 0018): an optional code, so this monitor reads
 * both closed and keeps it, a monitor of the release before keeps the status and the event (its
 * recovery alert raised as before) with the cause left out, and an older kiosk's (none) still reads.
 * A cause of no code's form is refused as any code is: no free text rides in on it.
 */
import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { ReceivedOnlineStatusSchema, readEvent, readStatus } from './telemetry-reading.js';
import { OnlineStatusSchema, TelemetryEventSchema } from './telemetry.contract.js';

const status = (extra: Record<string, unknown>) => ({
  connection: 'online',
  kioskId: 'JZ-9001',
  mode: 'outOfService',
  reason: 'SELF_TEST_FAILED',
  version: '0.9.0',
  journeysOffered: [],
  devices: [],
  heartbeatIntervalS: 10,
  at: '2026-11-29T04:00:00.000Z',
  ...extra,
});
const event = (extra: Record<string, unknown>) => ({
  id: '6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b',
  kioskId: 'JZ-9001',
  seq: 3,
  at: '2026-11-29T04:00:00.000Z',
  type: 'recoveryNeedsStaff',
  code: 'SELF_TEST_FAILED',
  ...extra,
});

/** How the release before read them: its schemas, neither knowing the cause (open: unknown fields left out). */
const recoveryShape: Record<string, z.ZodType> = TelemetryEventSchema.options.find(
  (o) => o.shape.type.value === 'recoveryNeedsStaff',
)!.shape;
const recoveryBefore = Object.fromEntries(Object.entries(recoveryShape).filter(([key]) => key !== 'cause'));
const releaseBefore = {
  statusClosed: OnlineStatusSchema.omit({ cause: true }).strict(),
  statusOpen: ReceivedOnlineStatusSchema.omit({ cause: true }),
  eventClosed: z.object(recoveryBefore).strict(),
  eventOpen: z.object(recoveryBefore),
};

describe('a failed self test cause across releases', () => {
  it('this release: status and event read closed, nothing unknown, the cause kept', () => {
    const read = readStatus(status({ cause: 'CARD_POSITION_UNKNOWN' }));
    expect(read).toMatchObject({ success: true, unknown: [] });
    expect(read.success && read.data).toMatchObject({ cause: 'CARD_POSITION_UNKNOWN' });
    const told = readEvent(event({ cause: 'CARD_POSITION_UNKNOWN' }));
    expect(told).toMatchObject({ success: true, unknown: [] });
    expect(told.success && told.data).toMatchObject({
      code: 'SELF_TEST_FAILED',
      cause: 'CARD_POSITION_UNKNOWN',
    });
  });

  it('a monitor of the release before: its closed schemas refuse, its open ones keep status and event, the cause left out', () => {
    expect(releaseBefore.statusClosed.safeParse(status({ cause: 'SESSION_INTERRUPTED' })).success).toBe(
      false,
    );
    const older = releaseBefore.statusOpen.safeParse(status({ cause: 'SESSION_INTERRUPTED' }));
    expect(older.success && older.data).toMatchObject({ reason: 'SELF_TEST_FAILED' });
    expect(older.data).not.toHaveProperty('cause');
    expect(releaseBefore.eventClosed.safeParse(event({ cause: 'SESSION_INTERRUPTED' })).success).toBe(false);
    const olderEvent = releaseBefore.eventOpen.safeParse(event({ cause: 'SESSION_INTERRUPTED' }));
    expect(olderEvent.success && olderEvent.data).toMatchObject({ code: 'SELF_TEST_FAILED' });
    expect(olderEvent.data).not.toHaveProperty('cause');
  });

  it('a cause a later kiosk release added (WITHDRAWAL_UNDECIDED, CARD_MAKING_UNDECIDED) reads closed and kept: codes stay open, no list of them in the contract', () => {
    for (const cause of ['WITHDRAWAL_UNDECIDED', 'CARD_MAKING_UNDECIDED', 'SOME_LATER_CAUSE']) {
      const read = readStatus(status({ cause }));
      expect(read).toMatchObject({ success: true, unknown: [] });
      expect(read.success && read.data).toMatchObject({ cause });
      expect(readEvent(event({ cause }))).toMatchObject({ success: true, unknown: [], data: { cause } });
    }
  });

  it('a kiosk of the release before tells none: read closed, nothing unknown, no cause', () => {
    const read = readStatus(status({}));
    expect(read).toMatchObject({ success: true, unknown: [] });
    expect(read.success && read.data).not.toHaveProperty('cause');
    expect(readEvent(event({}))).toMatchObject({ success: true, unknown: [] });
  });

  it('a cause of no code form (free text) is refused like any code', () => {
    expect(readStatus(status({ cause: 'Zhang San 110101199003071234' })).success).toBe(false);
    expect(readEvent(event({ cause: 'card of Zhang San' })).success).toBe(false);
  });
});
