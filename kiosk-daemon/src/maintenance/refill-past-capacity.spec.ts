/**
 * The fault: what a cassette holds was modelled nowhere, so a supervisor's refill of more notes
 * than it can take was accepted and the journal's count (and the emulator's) said more than the
 * kiosk can hold. Now a refill past the profile's `cassetteCapacity` is refused
 * MAINTENANCE_OVER_CAPACITY before anything is journaled or loaded, saying how many it may still
 * take; one up to the capacity is loaded; the staff view shows the capacity beside the count.
 * Real journal (SQLite), the in-memory cash dispenser emulator, real maintenance services.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import {
  cashRefill,
  staffSuppliesWorld,
  type StaffSuppliesWorld,
} from './staff-supplies-world.spec-support.js';

let w: StaffSuppliesWorld;
afterEach(() => w.close());

describe('a refill past what the cassette holds', () => {
  it('refused MAINTENANCE_OVER_CAPACITY, nothing journaled or loaded; up to the capacity loaded', async () => {
    w = await staffSuppliesWorld({ notes: 1_900, cassetteCapacity: 2_000 });
    const token = await w.logIn('FS-0002');
    const refused = await w.supplies.refill(token, { ...cashRefill, added: 101, countedBefore: 1_900 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(KioskError);
    expect(refused).toMatchObject({
      code: ErrorCode.MAINTENANCE_OVER_CAPACITY,
      details: { capacity: 2_000, mostAdded: 100 },
    });
    expect(w.dispenser.cassettes()[0]!.count).toBe(1_900);
    expect(await w.visitSteps()).toEqual(['maintenance.login:done']);
    expect(await w.supplies.journaledCount('cashDispenser', 'cassette:upper')).toBe(1_900);

    const [row] = (await w.views.view(token)).supplies.filter((s) => s.supply === 'cassette:upper');
    expect(row).toMatchObject({ count: 1_900, capacity: 2_000 });

    expect(await w.supplies.refill(token, { ...cashRefill, added: 100 })).toMatchObject({ after: 2_000 });
    expect(await w.supplies.journaledCount('cashDispenser', 'cassette:upper')).toBe(2_000);
  });
});
