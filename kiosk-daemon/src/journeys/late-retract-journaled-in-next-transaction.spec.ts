/**
 * Fault: a new card's retract cut off by the journey's step time journals its late answer to
 * whatever transaction the session holds by then. The silent printer's retract outlasts the step
 * (the driver waits longer than the step), the journey leaves the card at the slot for staff
 * (`card.leftAtSlot`, c7dbe35) and its transaction stays open; meanwhile the session moves on to a
 * next journey, which opens a transaction of its own. When the retract answers at last, its
 * outcome (`card.retract` failed or done, the count it makes) must land in the card making's own
 * transaction, once: in the next one it would leave the card's retract without outcome (settled
 * as unanswered) and put a card step in a transaction that made no card. The retract's tools are
 * bound to its transaction when the actor starts (`SessionScope.tools`, 0f291f8).
 *
 * Card making as the daemon provides it on a real terminal (the Evolis emulator over TCP and its
 * driver with its own bound, the real journal in SQLite, the back office faked), steps of 1 s.
 */
import { eventually } from '@kiosk/domain/testing';
import { isOpen, kioskWithCardLeft, stepNames } from '../sessions/card-printer-back.spec-support.js';
import { CARD } from './issue-card-on-real-terminal.spec-support.js';
import {
  cardLeftAtSlot,
  cardReports,
  issuedCount,
  printerAnswers,
} from './new-card-left-at-slot.spec-support.js';

type Left = Awaited<ReturnType<typeof cardLeftAtSlot>>;
let left: Left | undefined;
let kiosk: Awaited<ReturnType<typeof kioskWithCardLeft>> | undefined;
afterEach(async () => {
  await left?.world.close();
  await kiosk?.close();
  left = undefined;
  kiosk = undefined;
});

/** Waits (up to 2 s) for the card making's retract to have an outcome journaled. */
async function retractAnswered(world: Left['world']): Promise<string[]> {
  return eventually(
    async () => (await stepNames(world)).filter((n) => n.startsWith('card.retract:')),
    "the retract's outcome journaled",
    { withinMs: 2_000, everyMs: 20, until: (retract) => retract.length >= 2 },
  );
}

describe('late-retract-journaled-in-next-transaction', () => {
  it('fault: the retract answers after the step ran out, the session on its next transaction: its outcome lands on the card making, once', async () => {
    left = await cardLeftAtSlot({ fault: 'noAnswer', stepMs: 1_000 });
    const { world } = left;
    expect((await world.steps()).map((s) => s.step)).toContain('card.leftAtSlot:event');

    // the resident chooses a next journey: the session holds its transaction from now on
    const next = await world.journal.openTransaction('s1', 'balance');
    world.sessionMovesOn(world.tx, next);

    // the printer's line cut: the retract, still waiting for its answer, ends (DEVICE_OFFLINE)
    await world.devices.printerEmulator.close();
    expect(await retractAnswered(world)).toEqual(['card.retract:intent', 'card.retract:failed']);
    const failed = (await world.steps()).find((s) => s.step === 'card.retract:failed');
    expect(failed?.detail).toEqual({ code: 'DEVICE_OFFLINE' });
    const names = (await world.steps()).map((s) => s.step);
    expect(names.filter((n) => n === 'card.leftAtSlot:event')).toHaveLength(1);
    expect(await world.journal.stepsOf(next)).toEqual([]);
    expect(cardReports(world)).toEqual([]);
  }, 20_000);

  it('fault: printer-back settlement begun while the late retract holds the printer: none then (not refused busy and left for staff), settled once after, on the card making', async () => {
    kiosk = await kioskWithCardLeft({ fault: 'noAnswer', stepMs: 1_000 });
    const { world, before } = kiosk;
    const next = await world.journal.openTransaction('s1', 'balance');
    world.sessionMovesOn(world.tx, next);

    // the printer still holds the journey's retract (busy): a look settles nothing, tries nothing
    await kiosk.look();
    expect(world.devices.printer.status().device).toBe('busy');
    expect(await stepNames(world)).not.toContain('recovery.cardPrinterBack:event');

    // the driver closed under the retract: its late answer (DEVICE_OFFLINE) lands on the card making
    await world.devices.printer.close();
    expect(await retractAnswered(world)).toEqual(['card.retract:intent', 'card.retract:failed']);

    // the printer answers again: the card still at the slot is settled once, abandoned
    expect(await printerAnswers(world)).toBe(true);
    await kiosk.look();
    await kiosk.look();
    expect(cardReports(world)).toEqual([`card:abandoned:${CARD}`]);
    expect(world.rejectBin()).toBe((before.rejectBin ?? 0) + 1);
    expect(await issuedCount(world)).toBe(before.issued);
    expect(await isOpen(world)).toBe(false);
    const names = await stepNames(world);
    expect(names.filter((n) => n === 'recovery.cardPrinterBack:event')).toHaveLength(1);
    expect(names.filter((n) => n.startsWith('card.retract:'))).toHaveLength(2);
    expect(await world.journal.stepsOf(next)).toEqual([]);
  }, 20_000);
});
