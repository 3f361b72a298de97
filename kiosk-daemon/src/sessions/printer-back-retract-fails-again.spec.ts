/**
 * Fault: the card printer answered again (its self test) with a new card left at its slot, and went
 * silent again as the settlement's retract reached it: recovery's reject refused, the card making
 * was reported abandoned and closed while the card still lay at the slot to be taken (a voided card
 * in a resident's hand, counted nowhere). Now a refused retract of a card left at the slot leaves it
 * for staff again (`recovery.needsStaff`): the office told nothing, the transaction open, card making
 * still held back, and the printer's next comeback settles it once.
 *
 * A real terminal's Evolis emulator over TCP, the real journal in SQLite, the kiosk's root machine.
 */
import { JOURNEYS } from '@kiosk/domain';
import { CARD } from '../journeys/issue-card-on-real-terminal.spec-support.js';
import { cardReports, issuedCount, printerAnswers } from '../journeys/new-card-left-at-slot.spec-support.js';
import {
  expectStillLeftAtSlot,
  isOpen,
  kioskWithCardLeftEachCase,
  stepNames,
} from './card-printer-back.spec-support.js';

const kioskWithCardLeft = kioskWithCardLeftEachCase();

describe('printer-back-retract-fails-again', () => {
  it('fault: the printer silent again at the settlement retract: left for staff, never abandoned; settled once at its next comeback', async () => {
    const k = await kioskWithCardLeft();
    const { world, before } = k;
    world.at.rejecting = () => {
      world.at.rejecting = () => undefined; // this retract only
      world.devices.printerEmulator.setFault('offline');
    };
    expect(await printerAnswers(world)).toBe(true);
    await k.look();
    await expectStillLeftAtSlot(k);
    const names = await stepNames(world);
    expect(names.filter((n) => n === 'recovery.needsStaff:event').length).toBeGreaterThan(1);

    // its next comeback: settled once
    expect(await printerAnswers(world)).toBe(true);
    await k.look();
    expect(cardReports(world)).toEqual([`card:abandoned:${CARD}`]);
    expect(world.rejectBin()).toBe((before.rejectBin ?? 0) + 1);
    expect(await issuedCount(world)).toBe(before.issued);
    expect(await isOpen(world)).toBe(false);
    expect(k.offered()).toEqual([...JOURNEYS]);
  });

  it('the printer still silent: nothing is read or moved, the card left for staff', async () => {
    const k = await kioskWithCardLeft();
    await k.look();
    await expectStillLeftAtSlot(k);
  });
});
