/**
 * Fault: an activation cut while the chip wrote its new PIN (the card pulled, the reader lost, a
 * restart) reached the journal only (`card.pinWriteCut`): the chip may hold a PIN the host never
 * heard of while the host holds the card as new, and the fleet heard nothing. A boot's cut told no
 * one at all (no session ended), a session's only as a journey failed among others; operators
 * could not see a kiosk whose reader cuts writes, or cards pulled mid-write on purpose. Now the
 * journal's staff alerts tell each such activation as an `anomaly` ACTIVATION_UNFINISHED on the
 * card reader, once per activation (its id from the kiosk and the transaction, the same after a
 * restart), kept until a monitor stored it, the code alone (no card number, ID number or serial).
 *
 * The real journal (SQLite in memory), the real activation write and boot's note of a cut write;
 * the chip and host are fakes; the journal's staff alerts as the fleet reporter reads them.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { noteActivationCutAtBoot } from '../../journeys/activation-cut-at-boot.js';
import { journalsPerSpec } from '../../journeys/boot-recovery.spec-support.js';
import { newCardWorld } from '../../journeys/new-card-pin-writes.spec-support.js';
import { aStart, STAFF_ALERTS_KIOSK, toldOnceAcrossRestart } from './journal-staff-alerts.spec-support.js';
import { staffAlertEventId } from './staff-alert-id.js';

const journals = journalsPerSpec();

const cutAlert = (tx: string) => ({
  event: { type: 'anomaly', code: ErrorCode.ACTIVATION_UNFINISHED, device: 'cardReader' },
  id: staffAlertEventId('pinWriteCut', STAFF_ALERTS_KIOSK, tx),
});

describe('fault: an activation cut mid PIN write is not told to the fleet', () => {
  it('activation-cut-mid-pin-write-not-told-to-fleet: the card pulled as the chip wrote: told once, the same alert after a restart, the code alone', async () => {
    const { journal } = await journals.open();
    const w = newCardWorld(journal, async (chip) => {
      chip.pin = 'new';
      throw new KioskError(ErrorCode.CARD_REMOVED, 'The card was removed.');
    });
    const { tx, done } = await w.run('activatePin');
    expect(await done).toBe(ErrorCode.ACTIVATION_UNFINISHED);

    await toldOnceAcrossRestart(journal, cutAlert(tx), [tx, 'H41080000999', '410803196211092425']);
  });

  it('activation-cut-mid-pin-write-not-told-to-fleet at boot: the write a restart cut, noted by boot, tells the fleet', async () => {
    const { journal } = await journals.open();
    const tx = await journal.openTransaction('session-1', 'activatePin');
    await journal.recordStep(tx, 'card.changePin', 'intent');
    const code = await noteActivationCutAtBoot(journal, tx, await journal.stepsOf(tx), {
      warn: () => undefined,
    });
    expect(code).toBe(ErrorCode.ACTIVATION_UNFINISHED);
    const start = aStart(journal);
    await start.tell();
    expect(start.told).toEqual([cutAlert(tx)]);
  });

  it('an activation whose write the chip answered tells the fleet nothing', async () => {
    const { journal } = await journals.open();
    const w = newCardWorld(journal, async (chip) => {
      chip.pin = 'new';
      return { result: 'ok' };
    });
    const { done } = await w.run('activatePin');
    expect(await done).toBeUndefined();
    const start = aStart(journal);
    await start.tell();
    expect(start.told).toEqual([]);
  });
});
