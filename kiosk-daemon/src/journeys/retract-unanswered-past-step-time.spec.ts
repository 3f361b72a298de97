/**
 * Fault: the card printer went silent (no frame answered, its line up) as the retract of a new card
 * nobody took reached it. The driver waits up to its own bound for an answer (60 s), the journey's
 * step only 30 s: at the step's time the machine went on to its report with the card taken for
 * retracted, the office was told `abandoned` and the transaction closed, while the card lay at the
 * slot to be taken (a voided card in a resident's hand, counted nowhere) and the journal said only
 * that a retract had begun. Now a report finding the retract without outcome in the journal tells
 * the office nothing: the card is journaled left at the slot for staff (`card.leftAtSlot`, the
 * transaction left open), settled once the printer answers, as a retract refused offline is
 * (`new-card-settled-when-printer-back`).
 *
 * Card making as the daemon provides it on a real terminal (the Evolis emulator over TCP and its
 * driver with its own bound, the real journal in SQLite, the back office faked), steps of 1 s.
 */
import { eventually } from '@kiosk/domain/testing';
import { pendingCardMakings } from '../maintenance/pending-card-makings.js';
import { cardLeftAtSlot, cardReports } from './new-card-left-at-slot.spec-support.js';

type Left = Awaited<ReturnType<typeof cardLeftAtSlot>>;
let left: Left | undefined;
afterEach(async () => {
  await left?.world.close();
  left = undefined;
});

describe('retract-unanswered-past-step-time', () => {
  it('fault: the printer silent at the retract past the step time: never reported abandoned, left at the slot for staff', async () => {
    left = await cardLeftAtSlot({ fault: 'noAnswer', stepMs: 1_000 });
    const { world, before, output } = left;
    expect(output.result).not.toBe('issued');
    expect(cardReports(world)).toEqual([]);
    const names = (await world.steps()).map((s) => s.step);
    expect(names).toContain('card.leftAtSlot:event');
    expect(names).not.toContain('host.issued:intent');
    expect((await world.journal.openTransactions()).map((t) => t.id)).toContain(world.tx);
    expect((await pendingCardMakings(world.journal, world.printer)).map((p) => p.transactionId)).toEqual([
      world.tx,
    ]);
    expect(world.devices.printerEmulator.cardPosition()).toBe('outputSlot');
    expect(world.rejectBin()).toBe(before.rejectBin);

    // the printer's line cut: the driver's retract, still waiting for its answer, ends (DEVICE_OFFLINE)
    await world.devices.printerEmulator.close();
    const retract = await eventually(
      async () => (await world.steps()).filter((s) => s.step.startsWith('card.retract:')),
      "the retract's outcome journaled",
      { withinMs: 2_000, everyMs: 20, until: (steps) => steps.length >= 2 },
    );
    expect(retract.map((s) => s.step)).toEqual(['card.retract:intent', 'card.retract:failed']);
    expect(cardReports(world)).toEqual([]);
  }, 20_000);
});
