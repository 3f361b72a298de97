/**
 * The fault: a card making's new card was left at the card printer's slot by a retract the offline
 * printer could not do (`card.leftAtSlot`, its transaction left open for recovery or staff), and
 * the kiosk offered card making again as soon as the printer read online: the next card making's
 * feed was refused with that card inside and its reject pulled the other resident's card into the
 * bin under this resident's transaction. With the real journal (SQLite) and the kiosk's root
 * machine: an open card making with its card left at the slot takes card making off
 * (NEW_CARD_LEFT_AT_SLOT, the kiosk degraded, the other journeys offered), the transaction settled
 * (closed by recovery or staff) offers it again; a session running changes nothing until it ends.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { JOURNEYS } from '@kiosk/domain';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { JournalService } from '../journal/journal.service.js';
import { CARD_LEFT_AT_SLOT } from '../journeys/new-card-left-at-slot.js';
import { bootedKiosk, healthy } from './kiosk-in-service.spec-support.js';
import { watchNewCardLeftAtSlot } from './new-card-left-at-slot-watch.js';

let db: DataSource | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

const NO_CARD_MAKING = JOURNEYS.filter((j) => j !== 'issueCard' && j !== 'replaceCard');

async function kioskAround(journal: JournalService) {
  const kiosk = await bootedKiosk();
  expect(kiosk.getSnapshot().value).toBe('inService');
  let sessionRuns = false;
  const warnings: string[] = [];
  const watch = watchNewCardLeftAtSlot(journal, kiosk, () => sessionRuns, {
    warn: (m) => warnings.push(m),
  });
  const look = async () => {
    watch.check();
    await watch.settled();
  };
  return {
    kiosk,
    look,
    warnings,
    offered: () => kiosk.getSnapshot().context.journeysOffered,
    setSessionRuns: (runs: boolean) => (sessionRuns = runs),
  };
}

/** A card making whose new card the offline printer could not retract, as the journey journals it. */
async function cardLeftAtSlot(journal: JournalService, journey = 'issueCard'): Promise<string> {
  const tx = await journal.openTransaction('session-1', journey);
  await journal.recordStep(tx, 'card.retract', 'failed', { code: 'DEVICE_OFFLINE' });
  await journal.recordStep(tx, CARD_LEFT_AT_SLOT, 'event', { forStaff: true, code: 'DEVICE_OFFLINE' });
  await journal.recordStep(tx, 'recovery.needsStaff', 'event', { reason: `the new card of ${tx}` });
  return tx;
}

describe('card-making-offered-with-card-left-at-slot', () => {
  it('fault: a new card left at the slot unsettled: card making held back with NEW_CARD_LEFT_AT_SLOT, offered again once settled', async () => {
    const opened = await openMemoryJournal();
    db = opened.db;
    const k = await kioskAround(opened.journal);
    const tx = await cardLeftAtSlot(opened.journal);
    await k.look();
    const held = k.kiosk.getSnapshot();
    expect(held.value).toBe('degraded');
    expect(held.context.reason).toBe('NEW_CARD_LEFT_AT_SLOT');
    expect(k.offered()).toEqual(NO_CARD_MAKING);
    // the printer reading online again (its status pushed) does not bring card making back
    k.kiosk.send({ type: 'DEVICES_CHANGED', statuses: healthy() });
    await k.look();
    expect(k.offered()).toEqual(NO_CARD_MAKING);
    // settled (boot recovery or staff close the transaction): offered again
    await opened.journal.closeTransaction(tx, 'abandoned', 'NEW_CARD_NOT_TAKEN');
    await k.look();
    expect(k.kiosk.getSnapshot().value).toBe('inService');
    expect(k.offered()).toEqual([...JOURNEYS]);
    expect(k.warnings).toEqual([]);
  });

  it('fault: a replacement card left at the slot holds card making back too', async () => {
    const opened = await openMemoryJournal();
    db = opened.db;
    const k = await kioskAround(opened.journal);
    await cardLeftAtSlot(opened.journal, 'replaceCard');
    await k.look();
    expect(k.offered()).toEqual(NO_CARD_MAKING);
  });

  it('read only with no session running: the card making that left it holds it back once it ends', async () => {
    const opened = await openMemoryJournal();
    db = opened.db;
    const k = await kioskAround(opened.journal);
    k.setSessionRuns(true);
    await cardLeftAtSlot(opened.journal);
    await k.look();
    expect(k.offered()).toEqual([...JOURNEYS]);
    k.setSessionRuns(false);
    await k.look();
    expect(k.offered()).toEqual(NO_CARD_MAKING);
  });

  it('an open card making with no card left at the slot, and a closed one that had it, hold nothing back', async () => {
    const opened = await openMemoryJournal();
    db = opened.db;
    const k = await kioskAround(opened.journal);
    await opened.journal.openTransaction('session-2', 'issueCard');
    const settled = await cardLeftAtSlot(opened.journal);
    await opened.journal.closeTransaction(settled, 'issued', null);
    await k.look();
    expect(k.kiosk.getSnapshot().value).toBe('inService');
    expect(k.offered()).toEqual([...JOURNEYS]);
  });
});
