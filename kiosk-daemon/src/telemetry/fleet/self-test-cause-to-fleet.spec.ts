/**
 * What a failed self test came of, as the kiosk tells the fleet (`toFleetStatus`, `recoveryEvents`):
 * the view's cause beside SELF_TEST_FAILED in the status and the recoveryNeedsStaff event; not in
 * the staff visit after it (the view keeps it for staff, the fleet's reason is MAINTENANCE then), nor
 * when it is no code.
 */
import { describe, expect, it } from '@jest/globals';
import type { KioskView } from '@kiosk/domain';
import { recoveryEvents, toFleetStatus } from './fleet-telemetry-mapping.js';

const view = (extra: Partial<KioskView>): KioskView => ({
  kioskId: 'JZ-0001',
  mode: 'outOfService',
  reason: 'SELF_TEST_FAILED',
  journeysOffered: [],
  devices: [],
  demo: false,
  ...extra,
});

describe('a failed self test cause told to the fleet', () => {
  it('beside SELF_TEST_FAILED: in the status and the recoveryNeedsStaff event', () => {
    const failed = view({ cause: 'CARD_POSITION_UNKNOWN' });
    expect(toFleetStatus(failed, [])).toMatchObject({
      reason: 'SELF_TEST_FAILED',
      cause: 'CARD_POSITION_UNKNOWN',
    });
    expect(recoveryEvents(undefined, failed)).toEqual([
      { type: 'recoveryNeedsStaff', code: 'SELF_TEST_FAILED', cause: 'CARD_POSITION_UNKNOWN' },
    ]);
  });

  it('in the staff visit after it, none told; nor a cause of no code form; nor none known', () => {
    const visit = view({ mode: 'maintenance', reason: 'MAINTENANCE', cause: 'SESSION_INTERRUPTED' });
    expect(toFleetStatus(visit, [])).not.toHaveProperty('cause');
    expect(toFleetStatus(view({ cause: 'card of Zhang San' }), [])).not.toHaveProperty('cause');
    expect(recoveryEvents(undefined, view({}))).toEqual([
      { type: 'recoveryNeedsStaff', code: 'SELF_TEST_FAILED' },
    ]);
  });
});
