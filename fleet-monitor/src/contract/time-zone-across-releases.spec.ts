/**
 * The kiosk's time zone in its status (`timeZone`, the zone its journeys' `day` is counted in), across
 * releases (ADR 0018): an optional field, so this monitor reads it closed, a monitor of the release
 * before keeps the status with it left out (its daily window ends on the UTC date, as before), and
 * a status without it (an older kiosk) still reads. A zone is read by its form, never free text.
 */
import { describe, expect, it } from '@jest/globals';
import { readStatus } from './telemetry-reading.js';
import { readByReleaseBefore, statusInService } from './release-before.spec-support.js';
import { StatusMessageSchema } from './telemetry.contract.js';

describe("the kiosk's time zone in its status, across releases", () => {
  it.each(['Asia/Shanghai', 'America/Argentina/Buenos_Aires', 'Etc/GMT+8', 'America/Port-au-Prince', 'UTC'])(
    'this release: %s reads closed, kept',
    (timeZone) => {
      expect(StatusMessageSchema.safeParse(statusInService({ timeZone })).success).toBe(true);
      expect(readStatus(statusInService({ timeZone }))).toMatchObject({
        success: true,
        unknown: [],
        data: { timeZone },
      });
    },
  );

  it('a monitor of the release before: the status kept, the zone left out', () => {
    const older = readByReleaseBefore('timeZone', statusInService({ timeZone: 'Asia/Shanghai' }));
    expect(older.closed).toBe(false);
    expect(older.open.success).toBe(true);
    expect(older.open.data).not.toHaveProperty('timeZone');
  });

  it('a kiosk of the release before sends none: read closed, not reported', () => {
    const read = readStatus(statusInService({}));
    expect(read).toMatchObject({ success: true, unknown: [] });
    expect(read.success && read.data).not.toHaveProperty('timeZone');
  });

  it.each([
    ['free text', 'Beijing time, hall 3'],
    ['an offset', '+08:00'],
    ['too long', `Asia/${'X'.repeat(64)}`],
    ['not a string', 8],
  ])('fault: a zone that is %s is refused, as any field out of form', (_, timeZone) => {
    expect(readStatus(statusInService({ timeZone })).success).toBe(false);
  });
});
