/**
 * Fault: the resident took the new card from the slot just as its retract began, after the
 * printer's last look at the bezel: the retract found no card (CARD_PRINTER_NO_CARD) and card
 * making went on as after any failed retract: the office told the card `abandoned` while the
 * resident held it (never to be activated), and the card counted nowhere: not issued, not in the
 * reject bin (the blanks' reconciliation a card short). Now a retract the printer answers with no
 * card, its card nowhere inside, is a take: journaled `card.taken` with the issued count it makes
 * (once), the office told `issued`, the reject bin untouched.
 *
 * Card making as the daemon provides it on a real terminal (the Evolis emulator over TCP, the real
 * journal in SQLite, the back office faked), the blank fed and printed without its chip (no key
 * in this back office); the resident's hand at the slot is the emulator's take, just before the
 * retract reaches the printer.
 */
import { ErrorCode } from '@kiosk/domain';
import { CARD, realTerminalIssuance } from './issue-card-on-real-terminal.spec-support.js';

type World = Awaited<ReturnType<typeof realTerminalIssuance>>;
let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const issuedCount = async (world: World) =>
  (await world.journal.counters.latestCounters()).cardPrinter?.counters['issued'] ?? 0;

describe('a new card pulled from the slot as its retract began', () => {
  it('fault: the retract finds no card at the slot: the card issued, counted issued once, never in the reject bin', async () => {
    w = await realTerminalIssuance({ madeWithoutChip: true, cardTakeMs: 200 });
    const world = w;
    const before = { issued: await issuedCount(world), rejectBin: world.rejectBin() };
    // the resident's hand at the slot, just before the retract reaches the printer
    world.at.rejecting = () => void world.devices.printerEmulator.takeCard();
    const output = await world.replace('account');
    expect(output).toMatchObject({ result: 'issued' });
    const steps = (await world.steps()).map((s) => s.step);
    expect(steps).toEqual(expect.arrayContaining(['card.present:done', 'card.retract:failed']));
    expect((await world.steps()).find((s) => s.step === 'card.retract:failed')?.detail).toEqual({
      code: ErrorCode.CARD_PRINTER_NO_CARD,
    });
    expect(steps.filter((s) => s === 'card.taken:event')).toHaveLength(1);
    expect(world.calls).toContain(`card:issued:${CARD}`);
    expect(world.calls).not.toContain(`card:abandoned:${CARD}`);
    expect(await issuedCount(world)).toBe(before.issued + 1);
    expect(world.rejectBin()).toBe(before.rejectBin);
    expect(world.devices.printerEmulator.counts()).toMatchObject({ issued: 1, rejected: 0, inPrinter: 0 });
  });
});
