/**
 * Fault: the kiosk killed in the middle of a fleet command (`journal.crashAt`: SIGKILL right after
 * the command's intent is journaled, before it acts), and the command sent again when the kiosk is
 * back (the monitor sends a kiosk its pending commands at its first heartbeat after its return; the
 * broker may deliver it again too). The commands file knew nothing of a command not answered yet, so
 * the kiosk ran it again. Now the journal answers (ADR 0027): the intent without an outcome is a
 * command that may have acted, closed by boot recovery and refused TELEMETRY_COMMAND_STATE_UNKNOWN,
 * never run again; the operator sees it refused and the kiosk's own state (here in service: the cut
 * came before the hold was written). The real daemon process, the real fleet monitor (its own
 * process, embedded broker, SQLite file), the journal file read back.
 */
import { describe, expect, it } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { fleetMonitorForSuite } from './fleet-monitor-process.js';
import { journalSteps, readJournalFile } from './journal-steps.js';

const KIOSK = 'JZ-9001'; // the test profile's kiosk.id
const PASSWORD = 'kiosk-e2e-password-cut';

describe('fleet command cut by a kill, sent again when the kiosk is back', () => {
  let daemon: DaemonProcess | undefined;
  const fleet = fleetMonitorForSuite({ [KIOSK]: PASSWORD }, () => daemon?.stop('SIGKILL'));

  const kiosk = (extra: string[] = []) =>
    startDaemon([...fleet.kioskArgs(PASSWORD), '--set', 'fleet.heartbeatIntervalS=1', ...extra], {
      dir: fleet.kioskDir,
    });
  const detail = () => fleet.monitor.api('GET', `/kiosks/${KIOSK}`);
  const connection = (state: 'online' | 'offline', what: string) =>
    eventually(detail, what, { withinMs: 15_000, until: (d) => d.body?.connection === state });

  it('an out of service killed after its intent: refused TELEMETRY_COMMAND_STATE_UNKNOWN when it comes back, never run, the kiosk in service', async () => {
    daemon = await kiosk(['--set', 'journal.crashAt=after:fleet.outOfService:intent']);
    await connection('online', 'the kiosk is online');
    const sent = await fleet.monitor.api('POST', `/kiosks/${KIOSK}/commands`, { type: 'outOfService' });
    expect(sent.status).toBe(202);
    const id = (sent.body as { id: string }).id;
    expect((await daemon.ended).signal).toBe('SIGKILL');
    await connection('offline', 'the last will marks the kiosk offline');

    daemon = await kiosk();
    const answered = await eventually(detail, 'the command sent again and answered', {
      withinMs: 20_000,
      until: (d) =>
        d.body.commands.some((c: { id: string; result: string | null }) => c.id === id && c.result),
    });
    expect(answered.body.commands.find((c: { id: string }) => c.id === id)).toMatchObject({
      result: 'rejected',
      code: 'TELEMETRY_COMMAND_STATE_UNKNOWN',
    });
    await eventually(detail, 'the status says in service', {
      withinMs: 10_000,
      until: (d) => d.body.status?.mode === 'inService',
    });
    // journaled once, before the kill; closed by boot recovery with the answer; no second intent
    expect(journalSteps(daemon.journalPath, 'fleetCommand')).toEqual([
      'fleet.outOfService:intent',
      'recovery.found:event',
    ]);
    const closed = readJournalFile(daemon.journalPath, (db) =>
      db.prepare(`SELECT outcome, errorCode FROM journal_transaction WHERE sessionId = ?`).all(id),
    );
    expect(closed).toEqual([{ outcome: 'rejected', errorCode: 'TELEMETRY_COMMAND_STATE_UNKNOWN' }]);
  }, 90_000);
});
