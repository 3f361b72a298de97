/**
 * The kiosk's watch of a new card left at the slot read the journal (every open transaction and the
 * steps of each card making) at every device status pushed, with no session running: a card
 * printer's or dispenser's status polls and bezel reads made that a journal read every few hundred
 * milliseconds for nothing. Its answer is now kept while the journal has not moved
 * (`JournalService.changes`), and never hides a new card left: a step written in a transaction
 * already open (no open or close), or one written while the watch was reading, is read at the next
 * reason to look. The real journal (SQLite) and the kiosk's root machine.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { JOURNEYS } from '@kiosk/domain';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { JournalService } from '../journal/journal.service.js';
import { CARD_LEFT_AT_SLOT } from '../journeys/new-card-left-at-slot.js';
import { bootedKiosk, healthy } from './kiosk-in-service.spec-support.js';
import { watchNewCardLeftAtSlot, type CardsLeftJournal } from './new-card-left-at-slot-watch.js';

let db: DataSource | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

const NO_CARD_MAKING = JOURNEYS.filter((j) => j !== 'issueCard' && j !== 'replaceCard');

/** The journal as the watch reads it, its reads of open transactions counted; `during` runs inside a read of steps. */
function counted(journal: JournalService) {
  const reads = { open: 0, during: undefined as (() => Promise<void>) | undefined };
  const seen: CardsLeftJournal = {
    get changes() {
      return journal.changes;
    },
    openTransactions: async () => {
      reads.open += 1;
      return journal.openTransactions();
    },
    // the steps as read, then `during` (a step written after them): this read's answer is stale
    stepsOf: async (id) => {
      const steps = await journal.stepsOf(id);
      const during = reads.during;
      reads.during = undefined;
      await during?.();
      return steps;
    },
  };
  return { seen, reads };
}

async function around() {
  const opened = await openMemoryJournal();
  db = opened.db;
  const { journal } = opened;
  const { seen, reads } = counted(journal);
  const kiosk = await bootedKiosk();
  const watch = watchNewCardLeftAtSlot(seen, kiosk, () => false, { warn: () => undefined });
  /** a device status pushed: the wiring's reason to look */
  const statusPushed = async () => {
    kiosk.send({ type: 'DEVICES_CHANGED', statuses: healthy() });
    watch.check();
    await watch.settled();
  };
  const leaveCard = (tx: string) =>
    journal.recordStep(tx, CARD_LEFT_AT_SLOT, 'event', { forStaff: true, code: 'DEVICE_OFFLINE' });
  return {
    journal,
    kiosk,
    reads,
    statusPushed,
    leaveCard,
    offered: () => kiosk.getSnapshot().context.journeysOffered,
  };
}

describe('new-card-left-read-once-per-journal-change', () => {
  it('device statuses pushed again and again read the journal once while it has not moved', async () => {
    const k = await around();
    await k.journal.openTransaction('s1', 'issueCard');
    await k.statusPushed();
    const first = k.reads.open;
    expect(first).toBeGreaterThan(0);
    for (let i = 0; i < 20; i += 1) await k.statusPushed();
    expect(k.reads.open).toBe(first);
    expect(k.offered()).toEqual([...JOURNEYS]);
  });

  it('never hides a new card left in a transaction already open: the step moves the journal, read again', async () => {
    const k = await around();
    const tx = await k.journal.openTransaction('s1', 'replaceCard');
    await k.statusPushed();
    expect(k.offered()).toEqual([...JOURNEYS]);
    await k.leaveCard(tx); // no transaction opened or closed
    await k.statusPushed();
    expect(k.kiosk.getSnapshot().context.reason).toBe('NEW_CARD_LEFT_AT_SLOT');
    expect(k.offered()).toEqual(NO_CARD_MAKING);
    // settled: closed, offered again
    await k.journal.closeTransaction(tx, 'interrupted', 'SESSION_INTERRUPTED');
    await k.statusPushed();
    expect(k.offered()).toEqual([...JOURNEYS]);
  });

  it('never hides a card left while the watch was reading: the answer taken before it is not kept', async () => {
    const k = await around();
    const tx = await k.journal.openTransaction('s1', 'issueCard');
    k.reads.during = () => k.leaveCard(tx); // written after its steps were read
    await k.statusPushed();
    expect(k.offered()).toEqual([...JOURNEYS]); // that read's answer, stale
    await k.statusPushed();
    expect(k.offered()).toEqual(NO_CARD_MAKING);
  });
});
