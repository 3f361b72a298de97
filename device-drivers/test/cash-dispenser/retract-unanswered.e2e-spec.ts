/**
 * Fault: a RETRACT left unanswered (the dispenser fell silent after a dispense whose outcome was
 * unknown). The driver kept reading online until its next heartbeat's STATUS went unanswered, and
 * kept the presenter it believed (empty: the notes of the unknown dispense were never reported).
 * A dispenser answering again before that heartbeat failed was never read again: the driver
 * offered withdrawals on a presenter it took for empty while the notes were staged there, and
 * journaled what it believed for staff. Now a RETRACT without an answer makes the dispenser read
 * silent at once (DEVICE_TIMEOUT), and the STATUS that finds it again reads its presenter first,
 * the notes then counted out of the cassettes once. Real LCDM driver over a pseudo terminal to the
 * byte-level emulator.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { LcdmCommand } from '../../src/cash-dispenser/cash-dispenser.protocol.js';
import { startLcdmRig, SILENT_ACK_MS, YUAN, type LcdmRig } from './lcdm-rig.js';

describe('fault: a retract left unanswered', () => {
  let rig: LcdmRig | undefined;
  afterEach(async () => {
    await rig?.stop();
    rig = undefined;
  });

  it('reads silent at once and, answered again, reads its presenter before it reads online', async () => {
    // two notes take 2 s to count, past the dispense's answer time: its outcome is unknown
    rig = await startLcdmRig({
      emulator: { msPerNote: 1_000 },
      driver: {
        ackTimeoutMs: SILENT_ACK_MS,
        responseTimeoutMs: 1_000,
        dispenseTimeoutMs: 1_200,
        heartbeatMs: 200,
      },
    });
    const { driver, emulator } = rig;
    emulator.setFault({ kind: 'lostAck', times: 1, command: LcdmCommand.UPPER_DISPENSE });
    const dispensed = driver.dispense(200 * YUAN).catch((e: unknown) => e);
    await eventually(
      () => emulator.commandsTaken(LcdmCommand.UPPER_DISPENSE) === 1,
      'the upper cassette dispensed once',
      { withinMs: 15_000, everyMs: 20 },
    );
    emulator.setFault({ kind: 'noAnswer' });
    expect(await dispensed).toMatchObject({
      code: ErrorCode.DEVICE_TIMEOUT,
      details: { outcomeUnknown: true },
    });

    const retracted = await driver.retract().catch((e: unknown) => e);
    expect(KioskError.is(retracted, ErrorCode.DEVICE_TIMEOUT)).toBe(true);
    // at once, not at the next heartbeat
    expect(driver.status()).toMatchObject({ device: 'offline', fault: { code: ErrorCode.DEVICE_TIMEOUT } });

    await eventually(() => emulator.mechanism.presenter.upper === 2, 'the two notes in the presenter', {
      withinMs: 15_000,
      everyMs: 20,
    });
    emulator.setFault(null);
    await eventually(() => driver.status().device === 'online', 'the dispenser online', {
      withinMs: 15_000,
      everyMs: 20,
    });
    expect(driver.presenter()).toEqual({ state: 'staged', amountFen: 200 * YUAN, notes: 2 });
    expect(driver.cassettes().map((c) => c.count)).toEqual([198, 200]);
  }, 30_000);
});
