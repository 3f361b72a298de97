/**
 * Fault: a card making started in the instant between the end of the one that left its new card at
 * the slot (`card.leftAtSlot`, the printer offline at its retract) and the kiosk's reading of that
 * in the journal (NEW_CARD_LEFT_AT_SLOT withdraws card making), while the kiosk still offered it:
 * the next resident paid, the blank's feed was refused with the other card inside, and `rejectBlank`
 * pulled the other resident's new card into the reject bin under this transaction. Now a card making
 * asks the journal itself as it starts, before the fee or any move: another card making's new card
 * left at the slot and unsettled refuses it JOURNEY_NOT_OFFERED (the reason NEW_CARD_LEFT_AT_SLOT
 * in its details and journaled): nothing paid, nothing moved, the other card where it was.
 *
 * Card making as the daemon provides it on a real terminal (the Evolis emulator over TCP, the real
 * journal in SQLite, the back office faked).
 */
import { ErrorCode } from '@kiosk/domain';
import { cardLeftAtSlot, cardReports, printerAnswers } from './new-card-left-at-slot.spec-support.js';

type Left = Awaited<ReturnType<typeof cardLeftAtSlot>>;
let left: Left | undefined;
afterEach(async () => {
  await left?.world.close();
  left = undefined;
});

describe('card-making-pulls-card-left-at-slot-into-bin', () => {
  it("fault: the next card making starts before the kiosk withdrew it: refused before the fee, the other resident's card left at the slot", async () => {
    left = await cardLeftAtSlot();
    const { world, before } = left;
    expect(await printerAnswers(world)).toBe(true); // online again: the printer would take a feed
    const feesBefore = world.calls.filter((c) => c === 'fee:account').length;
    const next = await world.journal.openTransaction('s2', 'replaceCard');

    const output = await world.replace('account', next);
    expect(output.error?.code).toBe(ErrorCode.JOURNEY_NOT_OFFERED);
    expect(world.calls.filter((c) => c === 'fee:account')).toHaveLength(feesBefore);
    expect(world.devices.printerEmulator.cardPosition()).toBe('outputSlot');
    expect(world.rejectBin()).toBe(before.rejectBin);
    expect(cardReports(world)).toEqual([]);
    const steps = (await world.journal.stepsOf(next)).map((s) => s.step);
    expect(steps.filter((s) => s.startsWith('card.') || s.startsWith('fee.'))).toEqual([]);
    expect(steps).toContain('issuance.refused');
  });
});
