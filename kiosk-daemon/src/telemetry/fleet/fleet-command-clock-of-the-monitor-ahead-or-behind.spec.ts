/**
 * Fault: the fleet monitor's clock ahead of the kiosk's, or behind it. The torn commands file's rule
 * compared the monitor's `issuedAt` with the kiosk's start: a monitor ahead made a command run before
 * the start look issued after it (run again), a monitor behind made a command never run look issued
 * before it (refused). Now no clock decides whether a command ran (ADR 0027): the journal says. A
 * command run, one cut mid-command and one refused are each answered from the journal after a
 * restart, however far the clocks are apart; one never run runs; and the kiosk's own clock past a
 * command's expiry does not turn a recorded answer into an expiry. Real journal (a SQLite file
 * opened again at each start), the daemon's receiver and service.
 */
import { describe, expect, it } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import { command, commandKiosk } from './fleet-command-kiosk.spec-support.js';

const kiosk = commandKiosk();
const HOUR = 3_600_000;
const KIOSK_NOW = Date.parse('2026-11-30T03:00:00.000Z');

describe('fleet command with the clock of the monitor ahead or behind', () => {
  it.each([
    ['ahead of the kiosk by an hour', HOUR],
    ['behind the kiosk by a day', -24 * HOUR],
  ])(
    'monitor clock %s: answered from the journal after a restart, never run twice nor refused unrun',
    async (_, skew) => {
      const kioskClock = () => new Date(KIOSK_NOW);
      const issued = () => new Date(KIOSK_NOW + skew).toISOString();
      const first = await kiosk.start(kioskClock);
      const hold = command('outOfService', issued());
      expect(await first.receive(hold)).toMatchObject({ firstTime: true, ack: { result: 'done' } });
      const lift = command('inService', issued());
      first.cut('outcome');
      void first.receive(lift);
      await eventually(() => first.cutWrites.length > 0, 'the return to service cut mid-command', {
        withinMs: 10_000,
      });
      await first.powerCut();

      // the kiosk's clock past both commands' expiry now: the journal's answers stand all the same
      const later = () => new Date(KIOSK_NOW + 2 * 24 * HOUR);
      const next = await kiosk.start(later);
      const expired = new Date(KIOSK_NOW + skew + HOUR).toISOString();
      expect(await next.receive({ ...hold, expiresAt: expired })).toMatchObject({
        firstTime: false,
        ack: { result: 'done' },
      });
      expect(await next.receive({ ...lift, expiresAt: expired })).toMatchObject({
        firstTime: false,
        ack: { result: 'rejected', code: 'TELEMETRY_COMMAND_STATE_UNKNOWN' },
      });
      // the hold set once; the return to service, cut after it removed the hold's file, lifted it
      // once and the next start holds nothing
      expect(kiosk.done).toMatchObject({ holds: ['REMOTE_OUT_OF_SERVICE'], releases: 1 });

      // issued before this start by the monitor's clock and never run: runs
      const selfTest = command('runSelfTest', new Date(KIOSK_NOW + skew).toISOString());
      expect(await next.receive(selfTest)).toMatchObject({ firstTime: true, ack: { result: 'done' } });
    },
  );
});
