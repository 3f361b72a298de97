/**
 * The settlement of a new card left at the card printer's slot, once the printer answers again
 * (`card-printer-back-settlement.ts`), when the journal refuses one of its writes (a full or
 * failing disk): nothing is lost and nothing is done twice. The card stays accounted for (at the
 * slot, or in the reject bin with its reject journaled), the card making stays open and card making
 * held back, the watch logs the refusal with its code, and the next reason to look once the journal
 * takes writes again settles it once: one reject, one report to the office, closed.
 *
 * A real terminal's Evolis emulator over TCP, the real journal in SQLite (refusing by a trigger, as
 * the store refuses a write it cannot make), the kiosk's root machine; the office faked.
 */
import { ErrorCode, JOURNEYS } from '@kiosk/domain';
import { CARD } from '../journeys/issue-card-on-real-terminal.spec-support.js';
import { cardReports, issuedCount, printerAnswers } from '../journeys/new-card-left-at-slot.spec-support.js';
import { CARD_PRINTER_BACK_STEP } from './card-printer-back-settlement.js';
import {
  expectStillLeftAtSlot,
  isOpen,
  type KioskWithCardLeft,
  kioskWithCardLeftEachCase,
  NO_CARD_MAKING,
  stepNames,
} from './card-printer-back.spec-support.js';

const kioskWithCardLeft = kioskWithCardLeftEachCase();

/** The store refuses every write of `step` (`phase`) until `takesWritesAgain`. */
async function journalRefuses(kiosk: KioskWithCardLeft, step: string, phase: string): Promise<void> {
  await kiosk.world.db.query(
    `CREATE TRIGGER refuse BEFORE INSERT ON "journal_step"
     WHEN NEW."step" = '${step}' AND NEW."phase" = '${phase}'
     BEGIN SELECT RAISE(ABORT, 'no space'); END`,
  );
}

/** The store refuses to close a transaction until `takesWritesAgain`. */
async function journalRefusesTheClose(kiosk: KioskWithCardLeft): Promise<void> {
  await kiosk.world.db.query(
    `CREATE TRIGGER refuse BEFORE UPDATE OF "status" ON "journal_transaction"
     BEGIN SELECT RAISE(ABORT, 'no space'); END`,
  );
}

/** The watch said the settlement failed, with the journal's code (each reason to look meanwhile tried it again). */
function saidWithItsCode(kiosk: KioskWithCardLeft): void {
  expect(kiosk.errors.length).toBeGreaterThan(0);
  for (const said of kiosk.errors) expect(said).toContain(ErrorCode.JOURNAL_WRITE_FAILED);
}

const takesWritesAgain = (kiosk: KioskWithCardLeft) => kiosk.world.db.query('DROP TRIGGER refuse');

/** The card making settled once: retracted into the bin, reported abandoned once, closed, card making offered. */
async function settledOnce(kiosk: KioskWithCardLeft): Promise<void> {
  const { world, before } = kiosk;
  expect(cardReports(world)).toEqual([`card:abandoned:${CARD}`]);
  expect(world.devices.printerEmulator.cardPosition()).toBe('none');
  expect(world.rejectBin()).toBe((before.rejectBin ?? 0) + 1);
  expect(await issuedCount(world)).toBe(before.issued);
  const names = await stepNames(world);
  expect(names.filter((n) => n === 'recovery.card.reject:intent')).toHaveLength(1);
  expect(names.filter((n) => n === 'recovery.host.issued:done')).toHaveLength(1);
  expect(await isOpen(world)).toBe(false);
  expect(kiosk.offered()).toEqual([...JOURNEYS]);
}

describe('printer-back-settlement-journal-refuses', () => {
  it.each([
    [
      "fault: the journal refuses the settlement's step: nothing moved, the card left at the slot and held back, said with its code; settled once when the journal takes writes again",
      CARD_PRINTER_BACK_STEP,
      'event',
    ],
    [
      "fault: the journal refuses the reject's intent: the printer not moved, the card not left for staff as if the printer had refused; settled once when the journal takes writes again",
      'recovery.card.reject',
      'intent',
    ],
  ])('%s', async (_fault, step, phase) => {
    const k = await kioskWithCardLeft();
    await journalRefuses(k, step, phase);
    expect(await printerAnswers(k.world)).toBe(true);
    await k.look();
    await expectStillLeftAtSlot(k);
    saidWithItsCode(k);

    await takesWritesAgain(k);
    await k.look();
    await settledOnce(k);
  });

  it("fault: the journal refuses the reject's outcome, the card in the bin: never left for staff as a card at the slot; counted once, reported abandoned once when the journal takes writes again", async () => {
    const k = await kioskWithCardLeft();
    const { world, before } = k;
    await journalRefuses(k, 'recovery.card.reject', 'done');
    expect(await printerAnswers(world)).toBe(true);
    await k.look();
    expect(world.rejectBin()).toBe((before.rejectBin ?? 0) + 1);
    const names = await stepNames(world);
    // the settlement left nothing for staff (the one before it: the printer silent at the first look)
    expect(names.slice(names.indexOf(`${CARD_PRINTER_BACK_STEP}:event`))).not.toContain(
      'recovery.needsStaff:event',
    );
    // a reason to look while it failed (the comeback's own) may have settled it from the reject's
    // intent already (the card gone into the bin: abandoned), never twice
    expect([[], [`card:abandoned:${CARD}`]]).toContainEqual(cardReports(world));
    saidWithItsCode(k);

    await takesWritesAgain(k);
    await k.look();
    await settledOnce(k);
  });

  it('fault: the journal refuses the close once the office was told: the next look closes it without a second report or reject', async () => {
    const k = await kioskWithCardLeft();
    const { world } = k;
    await journalRefusesTheClose(k);
    expect(await printerAnswers(world)).toBe(true);
    await k.look();
    expect(cardReports(world)).toEqual([`card:abandoned:${CARD}`]);
    expect(await isOpen(world)).toBe(true);
    expect(k.offered()).toEqual(NO_CARD_MAKING);
    saidWithItsCode(k);

    await takesWritesAgain(k);
    await k.look();
    await settledOnce(k);
  });

  it("fault: the journal refuses the report's intent: the card making never closed with the office untold; reported once when the journal takes writes again", async () => {
    const k = await kioskWithCardLeft({ reports: true });
    const { world } = k;
    await journalRefuses(k, 'recovery.host.issued', 'intent');
    expect(await printerAnswers(world)).toBe(true);
    await k.look();
    expect(cardReports(world)).toEqual([]);
    expect(await isOpen(world)).toBe(true);
    expect(k.offered()).toEqual(NO_CARD_MAKING);
    saidWithItsCode(k);

    await takesWritesAgain(k);
    await k.look();
    await settledOnce(k);
  });
});
