/**
 * Fault: field staff ran the test card while a card making's new card lay at the printer's slot
 * unsettled (`card.leftAtSlot`, its retract the offline printer could not do). The test card's feed
 * was refused with that card there, and its "whatever happened, a card inside goes to the reject
 * bin" pulled the resident's new card into the bin as the visit's test card: then the card making's
 * settlement, reading the slot empty after a failed retract, took it for taken and counted it
 * issued, reported issued to the office, a card in the reject bin. Now the test card is refused
 * before anything moves (MAINTENANCE_NEW_CARD_AT_SLOT), while such a card making is open or the
 * printer reads a card at its slot: staff settle the card making first.
 *
 * A real terminal's Evolis emulator over TCP, the real journal in SQLite.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { recoverIssuance } from '../journeys/issuance-recovery.js';
import {
  CARD,
  cardLeftAtSlot,
  cardReports,
  issuedCount,
  printerAnswers,
} from '../journeys/new-card-left-at-slot.spec-support.js';
import { runTestCard } from './test-card.js';

type Left = Awaited<ReturnType<typeof cardLeftAtSlot>>;
let left: Left | undefined;
afterEach(async () => {
  await left?.world.close();
  left = undefined;
});

describe('test-card-pulls-new-card-left-at-slot', () => {
  it("fault: a test card with a resident's new card left at the slot: refused before anything moves; the card making then settled abandoned, never issued", async () => {
    left = await cardLeftAtSlot();
    const { world, before } = left;
    expect(await printerAnswers(world)).toBe(true);
    const visit = await world.journal.openTransaction('staff-1', 'maintenance');
    const blanks = world.blanks();

    const refused = await runTestCard(world.journal, world.printer, visit).then(
      () => undefined,
      (e: unknown) => KioskError.from(e).code,
    );
    expect(refused).toBe(ErrorCode.MAINTENANCE_NEW_CARD_AT_SLOT);
    expect(world.devices.printerEmulator.cardPosition()).toBe('outputSlot');
    expect(world.rejectBin()).toBe(before.rejectBin);
    expect(world.blanks()).toBe(blanks);
    const visitSteps = (await world.journal.stepsOf(visit)).map((s) => s.step);
    expect(visitSteps.filter((s) => s.startsWith('maintenance.testCard.'))).toEqual([]);

    // the card making settled once the printer answers: still at the slot, abandoned once
    expect(await recoverIssuance(world.journal, world.printer, world.issuance, world.tx)).toBe(true);
    expect(cardReports(world)).toEqual([`card:abandoned:${CARD}`]);
    expect(await issuedCount(world)).toBe(before.issued);
    expect(world.rejectBin()).toBe((before.rejectBin ?? 0) + 1);
  });

  it('fault: a test card with a card lying at the slot and no card making open for it: refused, the card not pulled into the bin', async () => {
    left = await cardLeftAtSlot();
    const { world, before } = left;
    expect(await printerAnswers(world)).toBe(true);
    // its card making closed (settled by staff), the card still lying there
    await world.journal.closeTransaction(world.tx, 'failed', null);
    const visit = await world.journal.openTransaction('staff-1', 'maintenance');
    const blanks = world.blanks();

    const refused = await runTestCard(world.journal, world.printer, visit).then(
      () => undefined,
      (e: unknown) => KioskError.from(e),
    );
    expect(refused?.code).toBe(ErrorCode.MAINTENANCE_NEW_CARD_AT_SLOT);
    expect(refused?.details).toEqual({});
    expect(world.devices.printerEmulator.cardPosition()).toBe('outputSlot');
    expect(world.rejectBin()).toBe(before.rejectBin);
    expect(world.blanks()).toBe(blanks);
  });
});
