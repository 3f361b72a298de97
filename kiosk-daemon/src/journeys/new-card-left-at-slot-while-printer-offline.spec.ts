/**
 * Fault: a new card presented at the slot and not taken, whose retract the card printer refused
 * because it went offline, was reported to the office `abandoned` at once and left at the slot with
 * nothing watching it: taken later, a voided card counted nowhere; left there, pulled into the
 * reject bin by the next card making under another resident's transaction. Now the card is
 * journaled as left at the slot for staff (`card.leftAtSlot`, `recovery.needsStaff` naming the
 * transaction), the office told nothing yet, and the journal settles it once the printer answers
 * (recovery from the journal, as the next boot does): still at the slot → retracted into the
 * reject bin, counted there once, reported abandoned once; gone → taken, issued once.
 *
 * Card making as the daemon provides it on a real terminal (the Evolis emulator over TCP, the real
 * journal in SQLite, the back office faked), the blank made without its chip.
 */
import { isUsable } from '@kiosk/domain';
import { pendingCardMakings } from '../maintenance/pending-card-makings.js';
import { recoverIssuance } from './issuance-recovery.js';
import { closeUnlessCardLeftAtSlot } from './new-card-left-at-slot.js';
import { APPLICATION, CARD, realTerminalIssuance } from './issue-card-on-real-terminal.spec-support.js';

type World = Awaited<ReturnType<typeof realTerminalIssuance>>;
let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const issuedCount = async (world: World) =>
  (await world.journal.counters.latestCounters()).cardPrinter?.counters['issued'] ?? 0;

/** The card not taken, the printer going offline just before its retract reaches it. */
async function leftAtSlot() {
  w = await realTerminalIssuance({ madeWithoutChip: true, cardTakeMs: 200 });
  const world = w;
  const before = { issued: await issuedCount(world), rejectBin: world.rejectBin() };
  world.at.rejecting = () => {
    world.at.rejecting = () => undefined; // the journey's retract only
    world.devices.printerEmulator.setFault('offline');
  };
  // the card number ordered, as the chip's making journals it (made here without the chip)
  await world.journal.recordStep(world.tx, 'issuance.order', 'event', { applicationNo: APPLICATION });
  await world.journal.sealPersonalData(world.tx, 'cardNumber', CARD);
  const output = await world.replace('account');
  return { world, before, output };
}

describe('new-card-left-at-slot-while-printer-offline', () => {
  it('fault: the retract refused offline: journaled at the slot for staff, the office told nothing', async () => {
    const { world, before, output } = await leftAtSlot();
    expect(output.result).not.toBe('issued');
    expect(output.error?.code).toBeDefined();
    const steps = await world.steps();
    const names = steps.map((s) => s.step);
    expect(names).toEqual(expect.arrayContaining(['card.retract:failed', 'card.leftAtSlot:event']));
    expect(steps.find((s) => s.step === 'recovery.needsStaff:event')?.detail?.['reason']).toContain(world.tx);
    expect(world.calls.filter((c) => c.startsWith('card:'))).toEqual([]);
    expect(names).not.toContain('host.issued:intent');
    // the session's end leaves it open, so the supervisor's list shows it, naming the transaction
    const ended = { transactionId: world.tx, journey: 'replaceCard' };
    expect(await closeUnlessCardLeftAtSlot(world.journal, ended, 'failed', 'DEVICE_OFFLINE')).toBe(false);
    expect((await world.journal.openTransactions()).map((t) => t.id)).toContain(world.tx);
    const pending = await pendingCardMakings(world.journal, world.printer);
    expect(pending.map((p) => p.transactionId)).toEqual([world.tx]);
    expect(world.devices.printerEmulator.cardPosition()).toBe('outputSlot');
    expect(world.rejectBin()).toBe(before.rejectBin);
    expect(await issuedCount(world)).toBe(before.issued);
  });

  it('fault: the printer back, the card still at the slot: retracted into the reject bin once, abandoned once', async () => {
    const { world, before } = await leftAtSlot();
    expect(world.calls.filter((c) => c.startsWith('card:'))).toEqual([]);
    world.devices.printerEmulator.clearFault('offline');
    await waitOnline(world);
    expect(await recoverIssuance(world.journal, world.printer, world.issuance, world.tx)).toBe(true);
    expect(world.devices.printerEmulator.cardPosition()).toBe('none');
    expect(world.rejectBin()).toBe((before.rejectBin ?? 0) + 1);
    expect(world.calls.filter((c) => c.startsWith('card:'))).toEqual([`card:abandoned:${CARD}`]);
    expect(await issuedCount(world)).toBe(before.issued);
  });

  it('fault: the card taken while the printer was offline: issued once when it answers, never abandoned', async () => {
    const { world, before } = await leftAtSlot();
    world.devices.printerEmulator.takeCard();
    world.devices.printerEmulator.clearFault('offline');
    await waitOnline(world);
    expect(await recoverIssuance(world.journal, world.printer, world.issuance, world.tx)).toBe(true);
    expect(world.calls.filter((c) => c.startsWith('card:'))).toEqual([`card:issued:${CARD}`]);
    expect(await issuedCount(world)).toBe(before.issued + 1);
    expect(world.rejectBin()).toBe(before.rejectBin);
  });

  it('fault: the printer still silent at recovery: left for staff, the card where it is, the office told nothing', async () => {
    const { world, before } = await leftAtSlot();
    expect(await recoverIssuance(world.journal, world.printer, world.issuance, world.tx)).toBe(false);
    expect(world.calls.filter((c) => c.startsWith('card:'))).toEqual([]);
    expect(world.devices.printerEmulator.cardPosition()).toBe('outputSlot');
    expect(world.rejectBin()).toBe(before.rejectBin);
    expect(await issuedCount(world)).toBe(before.issued);
  });
});

/** The printer answers again: its self test reads it online (as the device reopen's does). */
async function waitOnline(world: World): Promise<void> {
  const status = await world.printer.selfTest?.();
  expect(status !== undefined && isUsable(status)).toBe(true);
}
