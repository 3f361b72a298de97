/**
 * fault: the dispense's ACK is lost and its answer does not come in time, while the dispenser is
 * still counting. The withdrawal journey as the daemon provides it (its real actors, the real
 * journal, the embedded host simulator over HTTP) on the real LCDM driver, the byte-level
 * emulator at the far end of a pseudo-terminal pair. The journey retracts at once, as before;
 * the dispenser NAKs the retract until it has counted, and the retract waits for it, so the notes
 * counted late reach the retract bin and the hold is reversed in the same session, journaled.
 */
import { loadConfig } from '@kiosk/config';
import { type LcdmOverPseudoTerminal } from '@kiosk/device-drivers';
import { lcdmProtocol, startLcdmOverPseudoTerminal } from '@kiosk/device-drivers/lcdm-serial-road';
import { ErrorCode } from '@kiosk/domain';
import { toPromise } from 'xstate';
import { HostConnection } from '../src/host/host-connection.js';
import { HostService } from '../src/host/host.service.js';
import { openMemoryJournal } from '../src/journal/memory-journal.spec-support.js';
import type { JournalService } from '../src/journal/journal.service.js';
import type { DataSource } from '../src/journal/typeorm-runtime.js';
import { MetricsService } from '../src/telemetry/metrics.service.js';
import { li, startWithdrawal } from './withdrawal-journey-run.js';

const YUAN = 100;
const AMOUNT = 200 * YUAN;

describe('fault: the dispense ACK is lost and the dispenser still counts when the withdrawal retracts', () => {
  let rig: LcdmOverPseudoTerminal | undefined;
  let connection: HostConnection | undefined;
  let db: DataSource | undefined;
  afterEach(async () => {
    await rig?.close();
    await connection?.onApplicationShutdown();
    await db?.destroy();
  });

  it('retracts the notes counted late, counts them, and reverses the hold in the same session, each act journaled', async () => {
    // the answer time 2.5 s; two notes take 4 s: the outcome is unknown at 3 s, the count ends at 4 s
    rig = await startLcdmOverPseudoTerminal({
      driver: {
        cassettes: {
          upper: { denominationFen: 100 * YUAN, count: 200, lowThreshold: 20, emptyThreshold: 0 },
          lower: { denominationFen: 50 * YUAN, count: 200, lowThreshold: 20, emptyThreshold: 0 },
        },
        ackTimeoutMs: 500,
        responseTimeoutMs: 3_000,
        dispenseTimeoutMs: 2_500,
        busyPollMs: 100,
      },
      emulator: { msPerNote: 2_000 },
    });
    const dispenser = rig.driver;
    const opened = await openMemoryJournal();
    db = opened.db;
    const journal: JournalService = opened.journal;
    const config = loadConfig({ profile: 'test' });
    connection = new HostConnection(config);
    await connection.onModuleInit();
    const simulator = connection.embedded()!;
    const balanceBefore = simulator.state.balanceOfCard(li.cardNumber)!;
    const tx = await journal.openTransaction('s1', 'withdraw');
    const host = new HostService(connection, new MetricsService());
    const journey = await startWithdrawal({
      ...{ journal, transactionId: tx, host, dispenser, config, amountFen: AMOUNT, cashTakeMs: 30_000 },
      beforeAmount: () =>
        rig!.emulator.setFault({
          kind: 'lostAck',
          times: 1,
          command: lcdmProtocol.LcdmCommand.UPPER_DISPENSE,
        }),
    });
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
    expect(rig.emulator.commandsTaken(lcdmProtocol.LcdmCommand.UPPER_DISPENSE)).toBe(1);
    expect(rig.emulator.mechanism.retractBin).toBe(2);
    expect(rig.emulator.mechanism.presenter).toMatchObject({ upper: 0, lower: 0 });
    expect(dispenser.cassettes().map((c) => c.count)).toEqual([198, 200]);
    const counters = (await journal.counters.latestCounters()).cashDispenser?.counters;
    expect(counters).toMatchObject({ retractBin: 2 });
    // the resident's money: held, then given back in full
    expect(simulator.state.balanceOfCard(li.cardNumber)).toBe(balanceBefore);
  }, 30_000);
});
