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
import type { JournalService } from '../../journal/journal.service.js';
import type { QueuedEvent } from '../mqtt/telemetry-queue.js';
import { keptUntilStored } from '../mqtt/queue-drop-order.js';
import { JournalStaffAlerts } from './journal-staff-alerts.js';
import { staffAlertEventId } from './staff-alert-id.js';

const KIOSK = 'JZ-0001';
const journals = journalsPerSpec();

/** The journal's staff alerts of one start, what they told kept. */
function aStart(journal: JournalService) {
  const told: { event: unknown; id: string | undefined }[] = [];
  const publisher = {
    kioskId: KIOSK,
    publishEvent: (event: unknown, id?: string) => told.push({ event, id }),
  };
  const alerts = new JournalStaffAlerts(publisher as never, journal);
  return { told, tell: async () => alerts.tell(await alerts.read()) };
}

const cutAlert = (tx: string) => ({
  event: { type: 'anomaly', code: ErrorCode.ACTIVATION_UNFINISHED, device: 'cardReader' },
  id: staffAlertEventId('pinWriteCut', KIOSK, tx),
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

    const start = aStart(journal);
    await start.tell();
    expect(start.told).toEqual([cutAlert(tx)]);
    const sent = JSON.stringify(start.told);
    for (const secret of [tx, 'H41080000999', '410803196211092425']) expect(sent).not.toContain(secret);
    // kept in the kiosk's queue until a monitor stored it
    expect(keptUntilStored({ ...cutAlert(tx).event, id: 'x' } as unknown as QueuedEvent)).toBe(true);

    await start.tell(); // read again in the same start: not told twice
    expect(start.told).toHaveLength(1);
    const restarted = aStart(journal);
    await restarted.tell(); // a restart tells it again under the same id: stored once by the monitor
    expect(restarted.told).toEqual([cutAlert(tx)]);
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
