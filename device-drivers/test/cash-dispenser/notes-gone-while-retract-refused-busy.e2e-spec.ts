/**
 * Fault: notes open at the slot, not taken in time; the retract is refused as busy (the dispenser
 * NAKs every command: nothing moved), so the driver waits for it to be idle, asking STATUS; the
 * notes go meanwhile (the presenter's own timer draws them into its retract bin, or a hand takes
 * them) and the RETRACT sent once it is idle answers none. Nobody watched the slot from the
 * retract's start (the take watch stops to retract, and a busy dispenser answers no presenter
 * read), yet the driver reported the notes taken and the retract a retract of nothing, so the
 * journey counted a take it never saw. Now they are gone unseen (lost at the retract's start,
 * back at the answer) and the retract refuses DEVICE_OFFLINE with those facts, as across a link
 * drop (ADR 0020); notes still there once it is idle are retracted and counted as ever.
 */
import { ErrorCode } from '@kiosk/domain';
import { NOTES_GONE_UNSEEN, type CashGoneUnseen } from '../../src/cash-dispenser/cash-dispenser.port.js';
import { LcdmCommand } from '../../src/cash-dispenser/cash-dispenser.protocol.js';
import { startLcdmRig, YUAN, type LcdmRig } from './lcdm-rig.js';

const BUSY_POLL_MS = 50;

describe('notes gone while the retract was refused as busy are not taken', () => {
  let rig: LcdmRig;
  afterEach(async () => {
    await rig.stop();
  });

  /** 200 yuan presented at the slot, the dispenser then busy, the retract asked and refused. */
  async function retractWhileBusy(): Promise<{
    taken: number[];
    unseen: CashGoneUnseen[];
    retract: Promise<unknown>;
    startedAt: number;
  }> {
    rig = await startLcdmRig({ driver: { busyPollMs: BUSY_POLL_MS } });
    const taken: number[] = [];
    const unseen: CashGoneUnseen[] = [];
    rig.driver.onCashTaken((e) => taken.push(e.amountFen));
    rig.driver.onCashGoneUnseen((e) => unseen.push(e));
    await rig.driver.dispense(200 * YUAN);
    await rig.driver.present();
    rig.emulator.setFault({ kind: 'busy' });
    const startedAt = Date.now();
    const retract = rig.driver.retract().then(
      (r) => r,
      (e: unknown) => e,
    );
    // refused at least once, and asked whether idle since
    await waitFor(
      () => rig.emulator.commandsTaken(LcdmCommand.RETRACT) === 0 && rig.driver.status().device === 'busy',
    );
    return { taken, unseen, retract, startedAt };
  }

  it.each([
    ['drawn in by the presenter on its own', () => rig.emulator.retractOnItsOwn()],
    ['taken by a hand', () => rig.emulator.takeCash()],
  ])(
    'fault: notes-gone-while-retract-refused-busy (%s): gone unseen, the retract refused with the facts, never taken',
    async (_how, gone) => {
      const w = await retractWhileBusy();
      expect(gone()).toBe(true);
      rig.emulator.setFault(null);
      const outcome = await w.retract;
      expect(outcome).toMatchObject({
        code: ErrorCode.DEVICE_OFFLINE,
        details: { [NOTES_GONE_UNSEEN]: true, amountFen: 200 * YUAN, notes: 2 },
      });
      expect(w.taken).toEqual([]);
      expect(w.unseen).toHaveLength(1);
      const { lostAt, backAt } = w.unseen[0]!;
      expect(Date.parse(lostAt)).toBeLessThanOrEqual(Date.parse(backAt));
      expect(Date.parse(lostAt)).toBeGreaterThanOrEqual(w.startedAt - 5);
      expect(rig.emulator.commandsTaken(LcdmCommand.RETRACT)).toBe(1);
    },
  );

  it('the notes still there once idle: retracted and counted, nothing gone', async () => {
    const w = await retractWhileBusy();
    rig.emulator.setFault(null);
    await expect(w.retract).resolves.toEqual({ retractedFen: 200 * YUAN, notes: 2 });
    expect(w.taken).toEqual([]);
    expect(w.unseen).toEqual([]);
    expect(rig.emulator.mechanism.retractBin).toBe(2);
  });
});

async function waitFor(cond: () => boolean): Promise<void> {
  const until = Date.now() + 5_000;
  while (!cond()) {
    if (Date.now() > until) throw new Error('the dispenser never read busy');
    await new Promise<void>((r) => setImmediate(r));
  }
}
