/**
 * Every reason of the kiosk in its status (`reasons`), across releases (ADR 0018): an optional
 * field, so this monitor reads a status carrying it closed, a monitor of the release before keeps
 * the status with the list left out (its alerts from the first reason, as before), and a status
 * without it (an older kiosk) still reads. Reasons are codes: free text in the list is refused, a
 * newer kiosk's code is read as any code.
 */
import { describe, expect, it } from '@jest/globals';
import { readStatus } from './telemetry-reading.js';
import { readByReleaseBefore } from './release-before.spec-support.js';
import { MAX_REASONS, StatusMessageSchema } from './telemetry.contract.js';

const status = (extra: Record<string, unknown>) => ({
  connection: 'online',
  kioskId: 'JZ-9001',
  mode: 'outOfService',
  reason: 'CARD_READER_DOWN',
  version: '0.9.0',
  journeysOffered: [],
  devices: [{ kind: 'cardReader', device: 'offline', supplies: [] }],
  heartbeatIntervalS: 10,
  at: '2026-11-29T06:00:00.000Z',
  ...extra,
});
const BOTH = ['CARD_READER_DOWN', 'CARD_LEFT_IN_READER'];

describe('every reason in the status, across releases', () => {
  it('this release: read closed, nothing unknown, the list kept (none: an empty list)', () => {
    for (const reasons of [BOTH, []]) {
      expect(StatusMessageSchema.safeParse(status({ reasons })).success).toBe(true);
      const read = readStatus(status({ reasons }));
      expect(read).toMatchObject({ success: true, unknown: [] });
      expect(read.success && read.data.connection === 'online' && read.data.reasons).toEqual(reasons);
    }
  });

  it('a monitor of the release before: its closed schema refuses, its open one keeps the status and its reason, the list left out', () => {
    const older = readByReleaseBefore('reasons', status({ reasons: BOTH }));
    expect(older.closed).toBe(false);
    expect(older.open.success).toBe(true);
    expect(older.open.data).not.toHaveProperty('reasons');
    expect(older.open.data?.reason).toBe('CARD_READER_DOWN');
  });

  it('a kiosk of the release before lists none: read closed, nothing unknown, not reported', () => {
    const read = readStatus(status({}));
    expect(read).toMatchObject({ success: true, unknown: [] });
    expect(read.success && read.data).not.toHaveProperty('reasons');
  });

  it("a newer kiosk's reason is a code as any other: read closed", () => {
    expect(readStatus(status({ reasons: ['COIN_LEFT_IN_TRAY'] }))).toMatchObject({
      success: true,
      unknown: [],
    });
  });

  it.each([
    ['a reason of free text', ['card of Zhang San']],
    ['a list that is not a list', 'CARD_LEFT_IN_READER'],
    ['more reasons than a kiosk holds', Array.from({ length: MAX_REASONS + 1 }, (_, i) => `REASON_${i}`)],
  ])('fault: %s is refused, as any code out of form', (_, reasons) => {
    expect(readStatus(status({ reasons })).success).toBe(false);
  });
});
