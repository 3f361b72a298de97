/**
 * A replacement card left at the card printer's slot on a real terminal (`realTerminalIssuance`:
 * the Evolis emulator over TCP, the real journal in SQLite, the back office faked): presented, not
 * taken, and the printer going offline just before its retract reaches it, so the journey journals
 * `card.leftAtSlot` for staff and ends with its transaction open, the office told nothing.
 */
import { isUsable } from '@kiosk/domain';
import { APPLICATION, CARD, realTerminalIssuance } from './issue-card-on-real-terminal.spec-support.js';
import { closeUnlessCardLeftAtSlot } from './new-card-left-at-slot.js';

export { CARD };

export type CardLeftWorld = Awaited<ReturnType<typeof realTerminalIssuance>>;

/** The card printer's issued count in the journal's last record of it. */
export const issuedCount = async (world: CardLeftWorld): Promise<number> =>
  (await world.journal.counters.latestCounters()).cardPrinter?.counters['issued'] ?? 0;

/** The host's card reports so far (`card:<outcome>:<number>`). */
export const cardReports = (world: CardLeftWorld): string[] =>
  world.calls.filter((c) => c.startsWith('card:'));

/**
 * The card not taken, the printer offline (or silent: `noAnswer`; or pulling the card in and
 * answering only at `answerRetract`: `answerHeld`) as its retract reaches it: the journey ends,
 * its session's close leaves the transaction open (or closes it, as the journal says). Answers the
 * world, its counts before, the journey's output and `answerRetract`.
 */
export async function cardLeftAtSlot(
  options: { readonly fault?: 'offline' | 'noAnswer' | 'answerHeld'; readonly stepMs?: number } = {},
) {
  const { stepMs } = options;
  const world = await realTerminalIssuance({
    madeWithoutChip: true,
    cardTakeMs: 200,
    ...(stepMs ? { stepMs } : {}),
  });
  const before = { issued: await issuedCount(world), rejectBin: world.rejectBin() };
  let answerRetract = (): void => undefined;
  world.at.rejecting = () => {
    world.at.rejecting = () => undefined; // the journey's retract only
    if (options.fault === 'answerHeld') answerRetract = world.devices.printerEmulator.holdAnswer('Ser');
    else world.devices.printerEmulator.setFault(options.fault ?? 'offline');
  };
  // the card number ordered, as the chip's making journals it (made here without the chip)
  await world.journal.recordStep(world.tx, 'issuance.order', 'event', { applicationNo: APPLICATION });
  await world.journal.sealPersonalData(world.tx, 'cardNumber', CARD);
  const output = await world.replace('account');
  const ended = { transactionId: world.tx, journey: 'replaceCard' };
  await closeUnlessCardLeftAtSlot(world.journal, ended, 'failed', output.error?.code ?? null);
  return { world, before, output, answerRetract: () => answerRetract() };
}

/** The printer answers again: its self test reads it (as the device reopen's does). */
export async function printerAnswers(world: CardLeftWorld): Promise<boolean> {
  world.devices.printerEmulator.clearFault();
  const status = await world.printer.selfTest?.();
  return status !== undefined && isUsable(status);
}
