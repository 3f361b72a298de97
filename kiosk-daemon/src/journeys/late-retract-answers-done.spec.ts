/**
 * A new card's retract answering *done* after the journey's step ran out: the printer pulled the
 * card into its reject bin but answered late (the emulator's `holdAnswer`), so the journey left the
 * card "at the slot" for staff (`card.leftAtSlot`) and its transaction open, and the session moved
 * on to a next journey. The late `card.retract` done must land on the card making's own transaction
 * once, and the card making be settled from it once the printer lets go: in the bin once (the
 * retract's own, no second reject), reported abandoned once, never issued (the slot is empty
 * because the retract pulled it in, not because a resident took it), closed, card making offered.
 *
 * Card making as the daemon provides it on a real terminal (the Evolis emulator over TCP and its
 * driver with its own bound, the real journal in SQLite, the back office faked), steps of 1 s, and
 * the daemon's two watches of a card left at the slot.
 */
import { JOURNEYS } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { isOpen, kioskWithCardLeft, stepNames } from '../sessions/card-printer-back.spec-support.js';
import { CARD } from './issue-card-on-real-terminal.spec-support.js';
import { cardReports, issuedCount } from './new-card-left-at-slot.spec-support.js';

let kiosk: Awaited<ReturnType<typeof kioskWithCardLeft>> | undefined;
afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
});

const NO_CARD_MAKING = JOURNEYS.filter((j) => j !== 'issueCard' && j !== 'replaceCard');

describe('late-retract-answers-done', () => {
  it('fault: the retract answers done after the step ran out, the session on its next transaction: done on the card making once, then settled once, abandoned, never issued', async () => {
    kiosk = await kioskWithCardLeft({ fault: 'answerHeld', stepMs: 1_000 });
    const { world, before } = kiosk;
    expect(await stepNames(world)).toContain('card.leftAtSlot:event');
    expect(kiosk.offered()).toEqual(NO_CARD_MAKING);
    // the printer pulled the card in already; the driver still waits for its answer
    expect(world.devices.printerEmulator.cardPosition()).toBe('none');
    expect(world.devices.printer.status().device).toBe('busy');
    const next = await world.journal.openTransaction('s1', 'balance');
    world.sessionMovesOn(world.tx, next);
    await kiosk.look();
    expect(await stepNames(world)).not.toContain('recovery.cardPrinterBack:event');

    // the late answer: done, on the card making
    kiosk.answerRetract();
    await eventually(() => world.devices.printer.status().device, 'the printer no longer busy', {
      withinMs: 2_000,
      until: (device) => device !== 'busy',
    });
    const retract = (await stepNames(world)).filter((n) => n.startsWith('card.retract:'));
    expect(retract).toEqual(['card.retract:intent', 'card.retract:done']);
    expect(await world.journal.stepsOf(next)).toEqual([]);

    // the printer let go: a reason to look settles it once from the journal
    await kiosk.look();
    await kiosk.look();
    expect(cardReports(world)).toEqual([`card:abandoned:${CARD}`]);
    expect(world.rejectBin()).toBe((before.rejectBin ?? 0) + 1);
    expect(await issuedCount(world)).toBe(before.issued);
    const names = await stepNames(world);
    expect(names).not.toContain('recovery.card.reject:intent');
    expect(names.filter((n) => n === 'recovery.cardPrinterBack:event')).toHaveLength(1);
    expect(await isOpen(world)).toBe(false);
    expect(kiosk.offered()).toEqual([...JOURNEYS]);
    expect(await world.journal.stepsOf(next)).toEqual([]);
  }, 20_000);
});
