/**
 * The supply acts left for staff in the kiosk's status (`supplyActsLeft`, ADR 0022), across
 * releases (ADR 0018): an optional field, so this monitor reads a status carrying it closed, a
 * monitor of the release before keeps the status with the list left out (its alerts come from the
 * events, as before), and a status without it (an older kiosk) still reads. An act names a supply
 * as the event does: free text is refused, a device kind of a newer kiosk is read as a name.
 */
import { describe, expect, it } from '@jest/globals';
import { readStatus } from './telemetry-reading.js';
import { readByReleaseBefore, statusInService } from './release-before.spec-support.js';
import { StatusMessageSchema } from './telemetry.contract.js';

const status = statusInService;
const PAPER = { device: 'receiptPrinter', supply: 'paper' };

describe('supply acts left for staff in the status, across releases', () => {
  it('this release: read closed, nothing unknown, the list kept (none: an empty list)', () => {
    for (const acts of [[PAPER], []]) {
      expect(StatusMessageSchema.safeParse(status({ supplyActsLeft: acts })).success).toBe(true);
      const read = readStatus(status({ supplyActsLeft: acts }));
      expect(read).toMatchObject({ success: true, unknown: [] });
      expect(read.success && read.data.connection === 'online' && read.data.supplyActsLeft).toEqual(acts);
    }
  });

  it('a monitor of the release before: its closed schema refuses, its open one keeps the status, the list left out', () => {
    const older = readByReleaseBefore('supplyActsLeft', status({ supplyActsLeft: [PAPER] }));
    expect(older.closed).toBe(false);
    expect(older.open.success).toBe(true);
    expect(older.open.data).not.toHaveProperty('supplyActsLeft');
    expect(older.open.data?.devices).toHaveLength(1);
  });

  it('a kiosk of the release before lists none: read closed, nothing unknown, not reported', () => {
    const read = readStatus(status({}));
    expect(read).toMatchObject({ success: true, unknown: [] });
    expect(read.success && read.data).not.toHaveProperty('supplyActsLeft');
  });

  it('a kiosk a release ahead: a device kind this release does not know is read as a name, told unknown', () => {
    const read = readStatus(status({ supplyActsLeft: [{ device: 'coinHopper', supply: 'coins' }] }));
    expect(read).toMatchObject({ success: true, unknown: ['value supplyActsLeft.0.device=coinHopper'] });
  });

  it.each([
    ['a supply of free text', [{ device: 'receiptPrinter', supply: 'the paper roll' }]],
    ['an act without its supply', [{ device: 'receiptPrinter' }]],
    ['a list that is not a list', PAPER],
  ])('fault: %s is refused, as any name out of form', (_, acts) => {
    expect(readStatus(status({ supplyActsLeft: acts })).success).toBe(false);
  });
});
