/**
 * Fault: a new card left at the card printer's slot (its retract the offline printer could not do,
 * `card.leftAtSlot`) was settled only by the next boot's recovery or by field staff: once the
 * printer answered again the kiosk went on without card making (NEW_CARD_LEFT_AT_SLOT), the card
 * lay at the slot, and the office waited for its report. Now the printer's comeback settles it with
 * no session running, once, journal first (`card-printer-back-watch.ts`): still at the slot →
 * retracted into the reject bin, counted there once, reported abandoned once, closed; card making
 * offered again. A boot recovery holding it first is waited for, and what it settled is not settled
 * again; the kiosk held by recovery for it alone is placed again (the fleet's alert resolved).
 *
 * A real terminal's Evolis emulator over TCP, the real journal in SQLite, the kiosk's root machine.
 */
import { JOURNEYS } from '@kiosk/domain';
import { cardReports, issuedCount, printerAnswers } from '../journeys/new-card-left-at-slot.spec-support.js';
import { CARD } from '../journeys/issue-card-on-real-terminal.spec-support.js';
import { recoverIssuance } from '../journeys/issuance-recovery.js';
import { CARD_PRINTER_BACK_STEP } from './card-printer-back-settlement.js';
import {
  isOpen,
  kioskWithCardLeftEachCase,
  NO_CARD_MAKING,
  stepNames,
} from './card-printer-back.spec-support.js';

const kioskWithCardLeft = kioskWithCardLeftEachCase();

describe('new-card-settled-when-printer-back', () => {
  it('fault: the printer answers again, the card still at the slot: retracted into the reject bin once, abandoned once, card making offered again', async () => {
    const k = await kioskWithCardLeft();
    const { world, before } = k;
    expect(k.kiosk.getSnapshot().context.reason).toBe('NEW_CARD_LEFT_AT_SLOT');
    expect(k.offered()).toEqual(NO_CARD_MAKING);
    expect(world.devices.printerEmulator.cardPosition()).toBe('outputSlot');

    expect(await printerAnswers(world)).toBe(true);
    await k.look();
    expect(cardReports(world)).toEqual([`card:abandoned:${CARD}`]);
    expect(world.devices.printerEmulator.cardPosition()).toBe('none');
    expect(world.rejectBin()).toBe((before.rejectBin ?? 0) + 1);
    expect(await issuedCount(world)).toBe(before.issued);
    const names = await stepNames(world);
    // journal first: the comeback, then the reject's intent before the printer moved
    expect(names.indexOf(`${CARD_PRINTER_BACK_STEP}:event`)).toBeLessThan(
      names.indexOf('recovery.card.reject:intent'),
    );
    expect(names.filter((n) => n === 'recovery.card.reject:done')).toHaveLength(1);
    expect(await isOpen(world)).toBe(false);
    expect(k.kiosk.getSnapshot().value).toBe('inService');
    expect(k.offered()).toEqual([...JOURNEYS]);

    // another comeback, another reason to look: nothing settled twice
    world.devices.printerEmulator.setFault('offline');
    await world.printer.selfTest?.();
    expect(await printerAnswers(world)).toBe(true);
    await k.look();
    expect(cardReports(world)).toEqual([`card:abandoned:${CARD}`]);
    expect(world.rejectBin()).toBe((before.rejectBin ?? 0) + 1);
  });

  it('fault: a boot recovery holds it as the printer answers: the comeback waits its turn and settles nothing again', async () => {
    const k = await kioskWithCardLeft();
    const { world, before } = k;
    // boot recovery's hand on every open transaction (a self test's recovery)
    const boot = await k.hands.claimForRecovery(() => world.journal.openTransactions());
    expect(await printerAnswers(world)).toBe(true);
    const comeback = k.look();
    // recovery settles it in its turn, as at boot, and closes it
    expect(await recoverIssuance(world.journal, world.printer, world.issuance, world.tx)).toBe(true);
    await world.journal.closeTransaction(world.tx, 'interrupted', 'SESSION_INTERRUPTED');
    boot.release();
    await comeback;
    expect(cardReports(world)).toEqual([`card:abandoned:${CARD}`]);
    expect(world.rejectBin()).toBe((before.rejectBin ?? 0) + 1);
    expect(await stepNames(world)).not.toContain(`${CARD_PRINTER_BACK_STEP}:event`);
    await k.look(); // the recovery's end (the kiosk placed after its self test) is a reason to look
    expect(cardReports(world)).toEqual([`card:abandoned:${CARD}`]);
    expect(k.offered()).toEqual([...JOURNEYS]);
  });

  it('fault: the kiosk held out of service by recovery for this card alone: placed again once it is settled', async () => {
    const k = await kioskWithCardLeft({ heldByRecovery: true });
    const { world } = k;
    expect(k.kiosk.getSnapshot().value).toBe('outOfService');
    expect(k.kiosk.getSnapshot().context.reason).toBe('SELF_TEST_FAILED');
    expect(await printerAnswers(world)).toBe(true);
    await k.look();
    expect(cardReports(world)).toEqual([`card:abandoned:${CARD}`]);
    // nothing else undecided: placed by its devices, no SELF_TEST_FAILED (the fleet resolves its alert)
    expect(k.kiosk.getSnapshot().value).toBe('inService');
    expect(k.offered()).toEqual([...JOURNEYS]);
  });

  it('a restart after the settlement journaled its reject, the card gone into the bin: the next boot reports it abandoned, never issued', async () => {
    const k = await kioskWithCardLeft();
    const { world, before } = k;
    expect(await printerAnswers(world)).toBe(true);
    // the settlement's first acts, then the power is cut as the printer pulls the card in
    k.watch.stop();
    await world.journal.recordStep(world.tx, CARD_PRINTER_BACK_STEP, 'event', { position: 'outputSlot' });
    await world.journal.recordStep(world.tx, 'recovery.card.reject', 'intent', { position: 'outputSlot' });
    await world.devices.printer.ejectToRejectBin('other');
    expect(await recoverIssuance(world.journal, world.printer, world.issuance, world.tx)).toBe(true);
    expect(cardReports(world)).toEqual([`card:abandoned:${CARD}`]);
    expect(await issuedCount(world)).toBe(before.issued);
    expect(world.rejectBin()).toBe((before.rejectBin ?? 0) + 1);
  });
});
