/**
 * Fault: a power cut in the middle of a fleet command (an operator's hold sent while a resident's
 * session ran) with the resident's card inside the reader. Boot recovery took the newest open
 * transaction for the card's, the fleet command's, so it captured the card in the command's
 * transaction and closed the session's without a word of its card; the command was then closed
 * SESSION_INTERRUPTED. Now a fleet command never holds the card (the card is the session's,
 * captured in its transaction), and the command is closed as its journal answers it when delivered
 * again: rejected, TELEMETRY_COMMAND_STATE_UNKNOWN, never run again (ADR 0027). The real journal
 * (SQLite in memory), the emulated reader with a capture bin, recovery at boot.
 */
import { describe, expect, it } from '@jest/globals';
import { FLEET_COMMAND_JOURNEY } from '../telemetry/fleet/fleet-command-record.js';
import { cardKiosk } from './card-kiosk.spec-support.js';

describe('fleet command cut with a session card inside at boot', () => {
  it("captures the card in the session's transaction and closes the command as not known to have run", async () => {
    const k = await cardKiosk({ count: 2, capacity: 50 });
    try {
      await k.reader.insertCard('zhang');
      const session = await k.journal.openTransaction('s1', 'queryBalance');
      await k.journal.recordStep(session, 'card.read', 'event', {});
      const command = await k.journal.openTransaction('c-hold', FLEET_COMMAND_JOURNEY);
      await k.journal.recordStep(command, 'fleet.outOfService', 'intent', { commandId: 'c-hold' });

      expect(await k.recovery().recoverUnfinished()).toMatchObject({ recovered: 2, cardsCaptured: 1 });
      expect(k.whereIs()).toBe('captured');
      expect(await k.steps(session)).toEqual(
        expect.arrayContaining(['recovery.card.retract:intent', 'recovery.card.retract:done']),
      );
      expect((await k.steps(command)).filter((s) => s.startsWith('recovery.card'))).toEqual([]);
      expect(await k.transactions(FLEET_COMMAND_JOURNEY)).toEqual([
        {
          id: command,
          journey: FLEET_COMMAND_JOURNEY,
          outcome: 'rejected',
          errorCode: 'TELEMETRY_COMMAND_STATE_UNKNOWN',
        },
      ]);
    } finally {
      await k.close();
    }
  });

  it('a fleet command cut after its outcome was journaled, before its close: closed with that outcome', async () => {
    const k = await cardKiosk();
    try {
      const command = await k.journal.openTransaction('c-test', FLEET_COMMAND_JOURNEY);
      await k.journal.recordStep(command, 'fleet.runSelfTest', 'intent', { commandId: 'c-test' });
      await k.journal.recordStep(command, 'fleet.runSelfTest', 'failed', {
        code: 'DEVICE_OFFLINE',
        result: 'failed',
      });
      await k.recovery().recoverUnfinished();
      expect(await k.transactions(FLEET_COMMAND_JOURNEY)).toEqual([
        { id: command, journey: FLEET_COMMAND_JOURNEY, outcome: 'failed', errorCode: 'DEVICE_OFFLINE' },
      ]);
    } finally {
      await k.close();
    }
  });
});
