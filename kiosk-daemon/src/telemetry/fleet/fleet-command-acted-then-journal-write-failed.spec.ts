/**
 * Fault: a fleet command acted (its intent journaled first), then the journal refused to write its
 * outcome or its close (a journal write fault, no restart). The handler threw and the command was
 * acknowledged failed TELEMETRY_COMMAND_FAILED ("could not be carried out"), though the hold was set
 * or lifted, the extract sent; the monitor keeps that first answer, while the journal answers the
 * same command, delivered again later, otherwise (intent only: TELEMETRY_COMMAND_STATE_UNKNOWN; its
 * outcome journaled: that outcome). Now the ack is what the journal holds, as a delivery again gets
 * it in this start and after a restart (ADR 0027): never run again either way. Real journal (a
 * SQLite file opened again at the start) refusing the write, the daemon's receiver and service.
 */
import { describe, expect, it } from '@jest/globals';
import type { CommandType } from '@kiosk/fleet-monitor/contract';
import { command, commandKiosk, refuse } from './fleet-command-kiosk.spec-support.js';

const kiosk = commandKiosk();
const REMOTE = 'REMOTE_OUT_OF_SERVICE';

const unknown = { result: 'rejected', code: 'TELEMETRY_COMMAND_STATE_UNKNOWN' };

describe('fleet command acted then journal write failed', () => {
  it.each<[CommandType, 'outcome' | 'close', object, object]>([
    ['outOfService', 'outcome', unknown, { holds: [REMOTE] }],
    ['inService', 'outcome', unknown, { releases: 1 }],
    ['uploadJournalExtract', 'outcome', unknown, { uploads: 1 }],
    ['outOfService', 'close', { result: 'done' }, { holds: [REMOTE] }],
    ['restart', 'outcome', unknown, { restarts: 0 }],
    ['restart', 'close', { result: 'done' }, { restarts: 1 }],
  ])(
    '%s acted, its %s refused by the journal: acknowledged as the journal holds it, the same when delivered again in the start and after a restart, run once',
    async (type, what, answer, acted) => {
      const first = await kiosk.start();
      refuse(first, what);
      const asked = command(type);
      expect(await first.receive(asked)).toMatchObject({ kind: 'handled', firstTime: true, ack: answer });
      expect(await first.receive(asked)).toMatchObject({ firstTime: false, ack: answer });
      const done = { ...kiosk.done, uploads: kiosk.done.uploads.length };
      expect(done).toMatchObject(acted);
      await first.powerCut();

      const next = await kiosk.start();
      expect(await next.receive(asked)).toMatchObject({ kind: 'handled', firstTime: false, ack: answer });
      // nothing run again: the hold only applied again by the start, from its own file
      expect(kiosk.done.uploads.length + kiosk.done.releases + kiosk.done.restarts).toBe(
        done.uploads + done.releases + done.restarts,
      );
      expect(kiosk.done.holds).toEqual(type === 'outOfService' ? [REMOTE, REMOTE] : []);
    },
  );
});
