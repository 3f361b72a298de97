import { ErrorCode } from '@kiosk/domain';
import { LcdmCommand } from '../../src/cash-dispenser/cash-dispenser.protocol.js';
import { eventually } from '@kiosk/domain/testing';
import { statusWhere } from '../common/status-where.js';
import { SILENT_ACK_MS, startLcdmRig, YUAN, type LcdmRig } from './lcdm-rig.js';

// The dispense's ACK goes missing and its answer does not come within the dispense timeout
// (2.5 s): two notes take 4 s to count, so the dispense fails with its outcome unknown at 3 s while
// the dispenser, which NAKs every command until it has counted, is still at work. The retract then
// waits up to the dispense timeout, to 5.5 s.
const { UPPER_DISPENSE, RETRACT } = LcdmCommand;
const slowCount = {
  driver: { ackTimeoutMs: SILENT_ACK_MS, dispenseTimeoutMs: 2_500, busyPollMs: 100 },
  emulator: { msPerNote: 2_000 },
};

/** The dispense of 200 yuan whose outcome is unknown; the dispenser still counts its two notes. */
async function dispenseWithOutcomeUnknown(rig: LcdmRig): Promise<void> {
  rig.emulator.setFault({ kind: 'lostAck', times: 1, command: UPPER_DISPENSE });
  await expect(rig.driver.dispense(200 * YUAN)).rejects.toMatchObject({
    code: ErrorCode.DEVICE_TIMEOUT,
    details: { outcomeUnknown: true, requestedFen: 20_000 },
  });
}

/**
 * The retract refused by the counting dispenser and waiting for it: the driver reads busy from
 * that refusal until the retract ends (the dispense before it ended reading online). Pushed
 * within the retract's own turn, so what the caller does next comes while it still waits.
 */
const retractWaiting = (rig: LcdmRig) => statusWhere(rig.driver, (s) => s.device === 'busy');

const retractBin = (rig: LcdmRig) => rig.driver.status().supplies.find((s) => s.name === 'retractBin')?.count;

describe('fault: a retract while the dispenser is still counting (busy) after a lost dispense ACK', () => {
  let rig: LcdmRig;
  afterEach(async () => {
    await rig.stop();
  });

  it('retract while the dispenser is still counting after a lost dispense ACK: waits, retracts all the notes, counts them', async () => {
    rig = await startLcdmRig(slowCount);
    await dispenseWithOutcomeUnknown(rig);
    // at once, as the withdrawal does: the dispenser NAKs the retract until it has counted
    await expect(rig.driver.retract()).resolves.toEqual({ retractedFen: 20_000, notes: 2 });
    expect(rig.emulator.commandsTaken(UPPER_DISPENSE)).toBe(1);
    expect(rig.emulator.commandsTaken(RETRACT)).toBe(1);
    expect(rig.emulator.mechanism.presenter).toMatchObject({ upper: 0, lower: 0 });
    expect(rig.emulator.mechanism.retractBin).toBe(2);
    // the notes counted late left the upper cassette: the driver's counts say so too
    expect(rig.emulator.mechanism.cassettes.upper.count).toBe(198);
    expect(rig.driver.cassettes().map((c) => c.count)).toEqual([198, 200]);
    expect(retractBin(rig)).toBe(2);
    expect(rig.driver.presenter()).toEqual({ state: 'empty', amountFen: 0, notes: 0 });
    // the dispenser is free again: the next dispense pays
    await expect(rig.driver.dispense(100 * YUAN)).resolves.toMatchObject({ result: 'dispensed' });
    expect(rig.driver.cassettes().map((c) => c.count)).toEqual([197, 200]);
  });

  it('a dispense asked for while the retract waits for the count is refused DEVICE_BUSY, nothing moved', async () => {
    rig = await startLcdmRig(slowCount);
    await dispenseWithOutcomeUnknown(rig);
    const waiting = retractWaiting(rig);
    const retract = rig.driver.retract();
    await waiting;
    await expect(rig.driver.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    await expect(retract).resolves.toEqual({ retractedFen: 20_000, notes: 2 });
    expect(rig.emulator.mechanism.cassettes.upper.count).toBe(198);
    expect(rig.emulator.commandsTaken(UPPER_DISPENSE)).toBe(1);
  });

  it('the notes counted late, seen at a self-test before the retract, are counted once', async () => {
    rig = await startLcdmRig(slowCount);
    await dispenseWithOutcomeUnknown(rig);
    await eventually(
      async () => {
        await rig.driver.selfTest();
        return rig.driver.presenter().state !== 'empty';
      },
      'the counted notes seen at a self-test',
      { withinMs: 15_000, everyMs: 100 },
    );
    expect(rig.driver.presenter()).toMatchObject({ state: 'staged', amountFen: 20_000 });
    expect(rig.driver.cassettes().map((c) => c.count)).toEqual([198, 200]);
    await expect(rig.driver.retract()).resolves.toEqual({ retractedFen: 20_000, notes: 2 });
    expect(rig.driver.cassettes().map((c) => c.count)).toEqual([198, 200]);
    expect(retractBin(rig)).toBe(2);
  });

  it('a dispenser still busy when the wait (the dispense timeout) is over: DEVICE_BUSY, nothing moved, the notes stay for recovery', async () => {
    rig = await startLcdmRig({ driver: { dispenseTimeoutMs: 1_000, busyPollMs: 100 } });
    await rig.driver.dispense(300 * YUAN);
    rig.emulator.setFault({ kind: 'busy' });
    await expect(rig.driver.retract()).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    expect(rig.emulator.commandsTaken(RETRACT)).toBe(0);
    expect(rig.emulator.mechanism.presenter).toMatchObject({ upper: 3, lower: 0 });
    rig.emulator.setFault(null);
    await expect(rig.driver.retract()).resolves.toEqual({ retractedFen: 30_000, notes: 3 });
  });

  it('a retract waiting for the count stops when its signal is aborted: DEVICE_OPERATION_CANCELLED, nothing moved', async () => {
    rig = await startLcdmRig(slowCount);
    await dispenseWithOutcomeUnknown(rig);
    const abort = new AbortController();
    const waiting = retractWaiting(rig);
    const retract = rig.driver.retract(abort.signal);
    await waiting;
    abort.abort();
    await expect(retract).rejects.toMatchObject({ code: ErrorCode.DEVICE_OPERATION_CANCELLED });
    expect(rig.emulator.commandsTaken(RETRACT)).toBe(0);
  });
});
