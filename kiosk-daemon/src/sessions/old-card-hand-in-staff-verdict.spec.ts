/**
 * Fault: a damaged card's hand-in left `unknown` could not be settled. A replacement cut short
 * between its old card's capture intent and its outcome, on a reader whose count cannot tell
 * (the intent counted nothing), is journaled `recovery.oldCard` `unknown` at boot and left for
 * field staff; the journaled decision stands at every later boot (b3dbace), so with no road for
 * staff's verdict the transaction stayed open, the kiosk out of service, asked at every boot. Now
 * recovery lists it for staff (`recovery.needsStaff`) and the supervisor's verdict is journaled as
 * the old card's decision, the reader's count recorded, and the card making recovered and closed.
 *
 * The real journal in a SQLite file and the emulated reader keeping its card and bin in
 * `card-reader.json` beside it; each `boot()` is one start of the daemon on that folder.
 */
import { describe, expect, it } from '@jest/globals';
import { OLD_CARD_CAPTURE } from '../journeys/old-card-hand-in.js';
import type { OldCardWhereabouts } from '../journeys/old-card-staff-settlement.js';
import { pendingCardMakings } from '../maintenance/pending-card-makings.js';
import { coded, oldCardKiosk, printer } from './old-card-recovery-boots.spec-support.js';

async function handInLeftUnknown() {
  // the old card gone from the reader, the capture bin at 4: the intent counted nothing to tell by
  const state = { format: 1, position: 'none', cardId: null, captured: ['zhang'], captureBinCount: 4 };
  const k = await oldCardKiosk('kiosk-old-card-verdict-', state);
  await k.journal.sealPersonalData(k.tx, 'idNumber', '410105199001011234');
  await k.journal.recordStep(k.tx, OLD_CARD_CAPTURE, 'intent', { chip: 'read', card: 'H41******777' });

  /** One start of the daemon; `staff`: a supervisor's verdict given after recovery, in that run. */
  const boot = (staff?: OldCardWhereabouts) =>
    k.boot(async (recovery) => {
      const outcome = await recovery.recoverUnfinished().then(() => 'recovered', coded);
      const verdict = staff
        ? await recovery.settleOldCardByStaff(k.tx, staff, 'S-7').then((r) => r.outcome, coded)
        : undefined;
      return { outcome, verdict };
    });
  const open = async () => (await k.journal.openTransactions()).map((t) => t.id);
  return { ...k, boot, open };
}

describe('a damaged card’s hand-in left unknown at boot', () => {
  it('old card hand-in left unknown: settled by a staff verdict, not asked again at the next boot', async () => {
    const k = await handInLeftUnknown();

    // the first start: where the card went is unknown, left for staff, listed with its masked number
    expect(await k.boot()).toEqual({ outcome: 'CARD_MAKING_UNDECIDED', verdict: undefined });
    expect(await k.decisions()).toEqual([{ where: 'unknown' }]);
    const listed = await pendingCardMakings(k.journal, printer as never);
    expect(listed.map((p) => [p.transactionId, p.oldCard])).toEqual([[k.tx, { card: 'H41******777' }]]);

    // the second start: still for staff; the supervisor finds it in the capture bin
    expect(await k.boot('inCaptureBin')).toEqual({ outcome: 'CARD_MAKING_UNDECIDED', verdict: 'closed' });
    expect(await k.decisions()).toEqual([
      { where: 'unknown' },
      { where: 'captured', verdict: 'inCaptureBin', staff: 'S-7', captureBin: 4 },
    ]);
    expect(await k.open()).toEqual([]);
    expect((await k.journal.counters.latestCounters()).cardReader?.counters.captureBin).toBe(4);
    expect(await pendingCardMakings(k.journal, printer as never)).toEqual([]);

    // the next start: nothing to recover, nothing asked again, the host told nothing of it
    expect(await k.boot()).toEqual({ outcome: 'recovered', verdict: undefined });
    expect(await k.decisions()).toHaveLength(2);
    expect(k.told).toEqual([]);
  });

  it('old card verdict once the card making closed: any verdict refused, nothing journaled again', async () => {
    const k = await handInLeftUnknown();
    expect((await k.boot('givenBack')).verdict).toBe('closed');
    expect((await k.boot('inCaptureBin')).verdict).toBe('MAINTENANCE_ALREADY_SETTLED');
    expect((await k.boot('givenBack')).verdict).toBe('MAINTENANCE_ALREADY_SETTLED');
    expect(await k.decisions()).toEqual([
      { where: 'unknown' },
      { where: 'givenBack', verdict: 'givenBack', staff: 'S-7' },
    ]);
  });

  it('old card verdict for a card recovery decided itself is refused', async () => {
    const k = await handInLeftUnknown();
    await k.journal.recordStep(k.tx, 'recovery.oldCard', 'event', { where: 'captured', captureBin: 4 });
    expect((await k.boot('notFound')).verdict).toBe('SESSION_NOT_FOUND');
  });
});
