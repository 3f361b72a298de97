/**
 * fault: the dispense's ACK is lost and its answer does not come in time, while the dispenser is
 * still counting. The withdrawal journey as the daemon provides it (its real actors, the real
 * journal, the embedded host simulator over HTTP) on the real LCDM driver, the byte-level
 * emulator at the far end of a pseudo-terminal pair. The journey retracts at once, as before;
 * the dispenser NAKs the retract until it has counted, and the retract waits for it, so the notes
 * counted late reach the retract bin and the hold is reversed in the same session, journaled.
 */
import { lcdmProtocol } from '@kiosk/device-drivers/lcdm-serial-road';
import { ErrorCode } from '@kiosk/domain';
import { toPromise } from 'xstate';
import { AMOUNT, lostAckWithdrawal } from './lost-ack-withdrawal-on-lcdm.js';
import { li } from './withdrawal-journey-run.js';

describe('fault: the dispense ACK is lost and the dispenser still counts when the withdrawal retracts', () => {
  it('retracts the notes counted late, counts them, and reverses the hold in the same session, each act journaled', async () => {
    // the answer time 2.5 s; two notes take 4 s: the outcome is unknown at 3 s, the count ends at 4 s
    const run = await lostAckWithdrawal({ responseTimeoutMs: 3_000 });
    const { emulator, dispenser, journal, tx, simulator, balanceBefore, journey } = run;
    await toPromise(journey);

    const { context } = journey.getSnapshot();
    expect(context.error?.code).toBe(ErrorCode.DEVICE_TIMEOUT);
    expect(context.reversed).toBe(true);
    expect(context.needsReconciliation).toBe(false);
    const steps = await journal.stepsOf(tx);
    expect(steps.map((s) => `${s.step}:${s.phase}`)).toEqual([
      'withdrawal.authorise:intent',
      'withdrawal.authorise:done',
      'withdrawal.authorised:event',
      'cash.dispense:intent',
      'cash.dispense:failed',
      'cash.retract:intent',
      'cash.retract:done',
      'cash.retracted:event',
      'withdrawal.reverse:intent',
      'withdrawal.reverse:done',
    ]);
    const detail = (step: string, phase: string) =>
      JSON.parse(steps.find((s) => s.step === step && s.phase === phase)?.detail ?? '{}') as Record<
        string,
        unknown
      >;
    expect(detail('cash.dispense', 'intent')).toMatchObject({ cassettesBefore: 'upper=200,lower=200' });
    expect(detail('cash.retract', 'intent')).toMatchObject({ retractBinBefore: 0 });
    expect(detail('cash.retracted', 'event')).toEqual({ retractedFen: AMOUNT, notes: 2 });
    expect(detail('withdrawal.reverse', 'intent')).toMatchObject({ amountFen: AMOUNT });
    // the notes: counted once out of the cassette, in the retract bin, none at the slot
    expect(emulator.commandsTaken(lcdmProtocol.LcdmCommand.UPPER_DISPENSE)).toBe(1);
    expect(emulator.mechanism.retractBin).toBe(2);
    expect(emulator.mechanism.presenter).toMatchObject({ upper: 0, lower: 0 });
    expect(dispenser.cassettes().map((c) => c.count)).toEqual([198, 200]);
    const counters = (await journal.counters.latestCounters()).cashDispenser?.counters;
    expect(counters).toMatchObject({ retractBin: 2 });
    // the resident's money: held, then given back in full
    expect(simulator.state.balanceOfCard(li.cardNumber)).toBe(balanceBefore);
  }, 30_000);
});
