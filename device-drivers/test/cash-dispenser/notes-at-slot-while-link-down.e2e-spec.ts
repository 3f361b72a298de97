/**
 * Fault: notes open at the slot when the dispenser's link drops (the cable, a USB-serial adapter
 * reset), gone when it comes back: the resident took them, or the presenter's own timer drew them
 * into the retract bin. The LCDM line has no command that tells which (its STATUS has no presenter
 * or exit sensor that remembers, the kiosk presenter's status reads only what it holds now, and no
 * counter of notes retracted is read from the device: ADR 0020). Before the fix the driver took any
 * presenter found empty for notes taken, so a withdrawal whose notes went back into the bin was
 * confirmed at the host as paid. Now they are reported gone unseen, with when the kiosk lost sight
 * of them and when it was back, never taken; the retract asked for them refuses DEVICE_OFFLINE with
 * those facts, nothing sent to the dispenser, so the withdrawal is left for staff.
 */
import { ErrorCode } from '@kiosk/domain';
import { NOTES_GONE_UNSEEN, type CashGoneUnseen } from '../../src/cash-dispenser/cash-dispenser.port.js';
import { LcdmCommand } from '../../src/cash-dispenser/cash-dispenser.protocol.js';
import type {
  LcdmCashDispenser,
  LcdmCashDispenserEmulator,
} from '../../src/cash-dispenser/lcdm-serial-road.js';
import { dropAndComeBack, hangUpAndPlugIn, replugRigs, silentRigs } from './lcdm-link-drop.js';
import { YUAN } from './lcdm-rig.js';

/** What the driver reports of the notes that left the slot: taken, or gone unseen. */
function watchSlot(driver: LcdmCashDispenser): { taken: number[]; unseen: CashGoneUnseen[] } {
  const seen = { taken: [] as number[], unseen: [] as CashGoneUnseen[] };
  driver.onCashTaken((e) => seen.taken.push(e.amountFen));
  driver.onCashGoneUnseen((e) => seen.unseen.push(e));
  return seen;
}

/**
 * The retract asked for notes gone unseen refuses with what the kiosk knows: sending nothing when
 * the driver knew already, one RETRACT (answered none) when it learnt it from that answer.
 */
async function retractRefusedUnseen(
  r: { driver: LcdmCashDispenser; emulator: LcdmCashDispenserEmulator },
  retractsSent = 0,
) {
  const retracts = r.emulator.commandsTaken(LcdmCommand.RETRACT);
  const refusal = r.driver.retract().then(
    () => {
      throw new Error('the retract answered as if it knew where the notes went');
    },
    (e: unknown) => e,
  );
  const error = await refusal;
  expect(error).toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
  expect(r.emulator.commandsTaken(LcdmCommand.RETRACT)).toBe(retracts + retractsSent);
  return (error as { details: Record<string, unknown> }).details;
}

describe('fault: notes at the slot while the link is down', () => {
  const silent = silentRigs();

  /** 150 yuan (two notes) presented at the slot. */
  async function presented() {
    const started = await silent();
    await started.r.driver.dispense(150 * YUAN);
    await started.r.driver.present();
    return started;
  }

  it('notes-at-slot-while-link-down-retracted: drawn in by the presenter while silent, reported gone unseen, not taken', async () => {
    const { r, controls } = await presented();
    const slot = watchSlot(r.driver);
    const before = Date.now();
    const { presenter } = await dropAndComeBack(r, controls, () => {
      expect(r.emulator.retractOnItsOwn()).toBe(true);
    });
    expect(presenter).toEqual({ state: 'empty', amountFen: 0, notes: 0 });
    expect(slot.taken).toEqual([]);
    expect(slot.unseen).toHaveLength(1);
    const [gone] = slot.unseen;
    expect(gone).toMatchObject({ amountFen: 150 * YUAN, notes: 2 });
    expect(Date.parse(gone!.lostAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(gone!.backAt)).toBeGreaterThan(Date.parse(gone!.lostAt));
    expect(r.emulator.snapshot()).toMatchObject({ retractBin: 2, taken: 0 }); // the emulator's truth
    expect(await retractRefusedUnseen(r)).toEqual({ [NOTES_GONE_UNSEEN]: true, ...gone });
  });

  it('notes-at-slot-while-link-down-taken: taken while silent reads the same, gone unseen, not taken', async () => {
    const { r, controls } = await presented();
    const slot = watchSlot(r.driver);
    await dropAndComeBack(r, controls, () => {
      expect(controls.takeCash()).toBe(true);
    });
    expect(slot.taken).toEqual([]);
    expect(slot.unseen).toMatchObject([{ amountFen: 150 * YUAN, notes: 2 }]);
    expect(r.emulator.snapshot()).toMatchObject({ retractBin: 0, taken: 2 });
    await retractRefusedUnseen(r);
  });

  it('notes still at the slot when it is back are watched again: taken then is taken', async () => {
    const { r, controls } = await presented();
    const slot = watchSlot(r.driver);
    const { presenter } = await dropAndComeBack(r, controls, () => undefined);
    expect(presenter).toMatchObject({ state: 'presented', amountFen: 150 * YUAN });
    const taken = new Promise<number>((resolve) => r.driver.onCashTaken((e) => resolve(e.amountFen)));
    expect(controls.takeCash()).toBe(true);
    expect(await taken).toBe(150 * YUAN);
    expect(slot.unseen).toEqual([]);
  });
});

describe('fault: notes at the slot while the answer to their presentation was lost', () => {
  const silent = silentRigs();

  it('notes-at-slot-while-present-unanswered-taken: the shutter opened, its answer garbled every time, the notes taken: the retract refuses as gone unseen, not a retract of nothing', async () => {
    const { r, controls } = await silent();
    await r.driver.dispense(150 * YUAN);
    const slot = watchSlot(r.driver);
    r.emulator.setFault({ kind: 'tornFrame', times: 6, command: LcdmCommand.PRESENT });
    await expect(r.driver.present()).rejects.toBeDefined();
    expect(controls.presenter()).toMatchObject({ state: 'presented', notes: 2 }); // it did open
    expect(controls.takeCash()).toBe(true);
    r.emulator.setFault(null);

    const details = await retractRefusedUnseen(r, 1);
    expect(details).toMatchObject({ [NOTES_GONE_UNSEEN]: true, amountFen: 150 * YUAN, notes: 2 });
    expect(slot.taken).toEqual([]);
    expect(slot.unseen).toMatchObject([{ amountFen: 150 * YUAN }]);
  });

  it('notes still behind the shutter after a presentation unanswered are retracted and counted as ever', async () => {
    const { r } = await silent();
    await r.driver.dispense(150 * YUAN);
    r.emulator.setFault({ kind: 'tornFrame', times: 6, command: LcdmCommand.PRESENT });
    await expect(r.driver.present()).rejects.toBeDefined();
    r.emulator.setFault(null);
    await expect(r.driver.retract()).resolves.toEqual({ retractedFen: 150 * YUAN, notes: 2 });
  });
});

describe('fault: notes at the slot while the link is down, the line hung up and plugged in again', () => {
  const replugged = replugRigs();

  it('notes-at-slot-while-link-down-retracted: drawn in while the adapter was gone, reported gone unseen at the reopen', async () => {
    const rig = await replugged();
    await rig.driver.dispense(100 * YUAN);
    await rig.driver.present();
    const slot = watchSlot(rig.driver);
    const back = await hangUpAndPlugIn(rig, () => {
      expect(rig.emulator.retractOnItsOwn()).toBe(true);
    });
    expect(back.presenter).toEqual({ state: 'empty', amountFen: 0, notes: 0 });
    expect(slot.taken).toEqual([]);
    expect(slot.unseen).toMatchObject([{ amountFen: 100 * YUAN, notes: 1 }]);
    await retractRefusedUnseen(rig);
  });
});
