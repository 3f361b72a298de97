/**
 * The fault: the settlement of the new cards left at the card printer's slot, once the printer
 * answers again (`card-printer-back-settlement.ts`), settles them one by one in one pass; a throw on
 * one card (the journal refusing its step) ended the pass: the cards settled before it in that pass
 * were not answered (their caller never learned of them: not marked tried, what the kiosk offers
 * not read again, the recovery's count of what is undecided not lowered), and the cards after it
 * were not tried at all. Now each card's settlement is kept: the failing card is answered with its
 * code, left open for the next reason to look, and the others are settled and answered.
 *
 * A real terminal's Evolis emulator over TCP, the real journal in SQLite (refusing one card's step
 * by a trigger, as the store refuses a write it cannot make), the kiosk's root machine; the office
 * faked. Two more card makings left at the slot beside the real one, their cards gone from it.
 */
import { ErrorCode, JOURNEYS } from '@kiosk/domain';
import { CARD } from '../journeys/issue-card-on-real-terminal.spec-support.js';
import { CARD_LEFT_AT_SLOT } from '../journeys/new-card-left-at-slot.js';
import { cardReports, printerAnswers } from '../journeys/new-card-left-at-slot.spec-support.js';
import { CARD_PRINTER_BACK_STEP, settleCardsLeftAtSlot } from './card-printer-back-settlement.js';
import {
  isOpen,
  type KioskWithCardLeft,
  kioskWithCardLeftEachCase,
  NO_CARD_MAKING,
  stepNames,
} from './card-printer-back.spec-support.js';

const kioskWithCardLeft = kioskWithCardLeftEachCase();

/** Two more card makings left at the slot after the real one (their cards taken meanwhile). */
async function twoMoreCardsLeft(k: KioskWithCardLeft): Promise<[string, string]> {
  const { journal } = k.world;
  const more: string[] = [];
  for (const session of ['s-second', 's-third']) {
    const tx = await journal.openTransaction(session, 'replaceCard');
    await journal.recordStep(tx, CARD_LEFT_AT_SLOT, 'event', { forStaff: true, code: 'DEVICE_OFFLINE' });
    more.push(tx);
  }
  return [more[0]!, more[1]!];
}

/** The store refuses the settlement's step of `tx` alone. */
async function journalRefusesTheStepOf(k: KioskWithCardLeft, tx: string): Promise<void> {
  await k.world.db.query(
    `CREATE TRIGGER refuse BEFORE INSERT ON "journal_step"
     WHEN NEW."transactionId" = '${tx}' AND NEW."step" = '${CARD_PRINTER_BACK_STEP}'
     BEGIN SELECT RAISE(ABORT, 'no space'); END`,
  );
}

describe('printer-back-settlement-one-card-fails', () => {
  it('fault: one card of the pass throws: the cards settled before it are lost to the caller and those after it not tried', async () => {
    const k = await kioskWithCardLeft();
    const { world } = k;
    const [second, third] = await twoMoreCardsLeft(k);
    await journalRefusesTheStepOf(k, second);
    expect(await printerAnswers(world)).toBe(true);
    // the watch waits: the settlement is called here as the watch calls it, in recovery's hands
    k.watch.stop();

    const done = await settleCardsLeftAtSlot(k.hands, k.deps);
    expect(done.settled).toEqual([world.tx, third]);
    expect(done.leftForStaff).toEqual([]);
    expect(done.failed).toEqual([{ id: second, code: ErrorCode.JOURNAL_WRITE_FAILED }]);
    // the real card retracted and reported abandoned once, the third closed; the second left open
    expect(cardReports(world)).toEqual([`card:abandoned:${CARD}`]);
    expect(await isOpen(world)).toBe(false);
    expect(await isOpen(world, third)).toBe(false);
    expect(await isOpen(world, second)).toBe(true);
    expect(await stepNames(world, second)).not.toContain(`${CARD_PRINTER_BACK_STEP}:event`);
  });

  it('fault: the watch says the failing card with its code, settles the others, and settles it once at the next look once the journal takes writes again', async () => {
    const k = await kioskWithCardLeft();
    const { world } = k;
    const [second, third] = await twoMoreCardsLeft(k);
    await journalRefusesTheStepOf(k, second);
    expect(await printerAnswers(world)).toBe(true);
    await k.look();
    expect(await isOpen(world)).toBe(false);
    expect(await isOpen(world, third)).toBe(false);
    expect(await isOpen(world, second)).toBe(true);
    expect(k.errors.length).toBeGreaterThan(0);
    for (const said of k.errors) {
      expect(said).toContain(second);
      expect(said).toContain(ErrorCode.JOURNAL_WRITE_FAILED);
    }
    // card making still held back: the second is still left at the slot for all the kiosk knows
    expect(k.offered()).toEqual(NO_CARD_MAKING);

    await world.db.query('DROP TRIGGER refuse');
    await k.look();
    expect(await isOpen(world, second)).toBe(false);
    expect(
      (await stepNames(world, second)).filter((n) => n === `${CARD_PRINTER_BACK_STEP}:event`),
    ).toHaveLength(1);
    expect(cardReports(world)).toEqual([`card:abandoned:${CARD}`]);
    expect(k.offered()).toEqual([...JOURNEYS]);
  });
});
