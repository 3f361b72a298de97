/**
 * Fault: a new card left at the card printer's slot (the printer offline at its retract) and taken
 * by the resident while the printer did not answer was reported to the office only at the next boot
 * or by field staff: the resident held a card the office did not know as issued. Now the printer's
 * comeback reads the slot once, finds it empty after the failed retract: taken, counted issued once,
 * the held report released (issued) once, never in the reject bin; card making offered again.
 *
 * A real terminal's Evolis emulator over TCP, the real journal in SQLite, the kiosk's root machine.
 */
import { JOURNEYS } from '@kiosk/domain';
import { CARD } from '../journeys/issue-card-on-real-terminal.spec-support.js';
import { cardReports, issuedCount, printerAnswers } from '../journeys/new-card-left-at-slot.spec-support.js';
import { isOpen, kioskWithCardLeftEachCase } from './card-printer-back.spec-support.js';

const kioskWithCardLeft = kioskWithCardLeftEachCase();

describe('printer-back-card-taken-meanwhile', () => {
  it('fault: the card taken while the printer was offline: issued once when it answers, never abandoned, never in the bin', async () => {
    const k = await kioskWithCardLeft();
    const { world, before } = k;
    world.devices.printerEmulator.takeCard();
    expect(await printerAnswers(world)).toBe(true);
    await k.look();
    expect(cardReports(world)).toEqual([`card:issued:${CARD}`]);
    expect(await issuedCount(world)).toBe(before.issued + 1);
    expect(world.rejectBin()).toBe(before.rejectBin);
    expect(await isOpen(world)).toBe(false);
    expect(k.offered()).toEqual([...JOURNEYS]);
    // a further reason to look counts nothing again
    await k.look();
    expect(cardReports(world)).toEqual([`card:issued:${CARD}`]);
    expect(await issuedCount(world)).toBe(before.issued + 1);
  });
});
