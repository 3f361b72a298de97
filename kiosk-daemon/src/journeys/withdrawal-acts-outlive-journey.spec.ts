/**
 * A withdrawal's act that answers after its journey moved on (the resident chose a next journey in
 * the same session, which opened a transaction of its own; the session ended): everything the act
 * journals goes to the withdrawal's own transaction, never to the one the session holds by then.
 * The real journal (SQLite in memory), the dispenser emulator behind a gate the spec opens. And the
 * receipt's act cut by the journey's step while the printer's head was too hot
 * (receipt-head-hot-mid-journey-cause-lost): the ESC/POS driver on the printer emulator over an
 * in-memory line, on Jest's clock; the journal keeps the cause, not the step's cancel.
 */
import { describe, expect, it, jest } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import {
  EscposPrinterDriver,
  EscposPrinterEmulator,
  streamPrinterConnector,
  type CashDispenserPort,
  type Receipt,
} from '@kiosk/device-drivers';
import { DEFAULT_HEAD_COOL_WAIT_MS, ErrorCode, KioskError } from '@kiosk/domain';
import { duplexPair } from 'node:stream';
import { runInScope } from './run-in-scope.spec-support.js';
import { SessionScope } from './session-scope.js';
import { gatedEmulator, withdrawalSession } from './withdrawal-daemon-actors.spec-support.js';
import { provideWithdrawalJourney } from './withdrawal-journey.js';

const AMOUNT = 30_000;

/** The dispenser emulator whose dispense waits until the spec lets it answer (`answer`). */
async function gatedDispenser(outcome: 'counted' | 'unknown') {
  const { emulator, gate, answer, ask, asked } = await gatedEmulator();
  const dispenser = {
    status: () => emulator.status(),
    cassettes: () => emulator.cassettes(),
    retract: () => emulator.retract(),
    dispense: async (amountFen: number) => {
      ask();
      await gate;
      const counted = await emulator.dispense(amountFen);
      if (outcome === 'counted') return counted;
      // the dispenser never said what it counted: the notes wait behind the shutter
      throw new KioskError(ErrorCode.DEVICE_TIMEOUT, 'The dispenser did not answer.', {
        outcomeUnknown: true,
      });
    },
  } as unknown as CashDispenserPort;
  return { emulator, dispenser, dispenseAsked: asked, answer };
}

/** One session with its withdrawal's transaction, and the withdrawal's `actor` run in it. */
async function sessionWithWithdrawal(dispenser: CashDispenserPort) {
  const { journal, tx: withdrawalTx, session, scopes, deps } = await withdrawalSession('s1', dispenser);
  const actors = provideWithdrawalJourney(deps, scopes.of).implementations.actors;
  const run = (name: 'dispenseCash', input: unknown) =>
    runInScope(scopes, new SessionScope(journal, session), actors[name], input);
  /** "anything else?": the withdrawal's transaction closed as the session does, the next one opened */
  const nextJourney = async () => {
    await journal.closeTransaction(withdrawalTx, 'completed', null);
    session.transactionId = await journal.openTransaction('s1', 'balance');
    return session.transactionId;
  };
  const steps = async (tx: string) => (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
  return { journal, withdrawalTx, run, nextJourney, steps };
}

describe('a withdrawal act answered after the session moved to its next journey', () => {
  it('a dispense answered after the session moved to its next journey: its done and its partial count are journaled in the withdrawal transaction, not the next one', async () => {
    const { emulator, dispenser, dispenseAsked, answer } = await gatedDispenser('counted');
    emulator.setFault('jam'); // the count stops after one note: a partial dispense
    const w = await sessionWithWithdrawal(dispenser);

    const dispensed = w.run('dispenseCash', { amountFen: AMOUNT });
    await dispenseAsked;
    const nextTx = await w.nextJourney();
    answer();
    await dispensed;

    expect(await w.steps(w.withdrawalTx)).toEqual([
      'cash.dispense:intent',
      'cash.dispense:done',
      'cash.partial:event',
    ]);
    expect(await w.steps(nextTx)).toEqual([]);
  });

  it('a dispense whose outcome is unknown, answered after the session moved to its next journey: the retract after it is journaled in the withdrawal transaction, not the next one', async () => {
    const { emulator, dispenser, dispenseAsked, answer } = await gatedDispenser('unknown');
    const w = await sessionWithWithdrawal(dispenser);

    const dispensed = w.run('dispenseCash', { amountFen: AMOUNT });
    await dispenseAsked;
    const nextTx = await w.nextJourney();
    answer();
    await expect(dispensed).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });

    expect(await w.steps(w.withdrawalTx)).toEqual([
      'cash.dispense:intent',
      'cash.dispense:failed',
      'cash.retract:intent',
      'cash.retract:done',
      'cash.retracted:event',
    ]);
    expect(await w.steps(nextTx)).toEqual([]);
    // the notes counted behind the shutter went to the retract bin
    expect(emulator.presenter().amountFen).toBe(0);
  });
});

describe('fault: receipt-head-hot-mid-journey-cause-lost', () => {
  it("the head too hot mid-receipt past the printer's head cool wait: the withdrawal's receipt is journaled failed DEVICE_BUSY, not cancelled by the step's end", async () => {
    const { emulator: dispenser } = await gatedEmulator();
    const { journal, tx, session, scopes, deps } = await withdrawalSession('s1', dispenser);
    const printer = new EscposPrinterEmulator({});
    const [ours, theirs] = duplexPair();
    printer.attach(theirs);
    const driver = new EscposPrinterDriver({
      connect: streamPrinterConnector(ours),
      idlePollMs: 0,
      printPollMs: 60_000,
    });
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      await driver.open();
      const hot = new Promise<void>((resolve) =>
        printer.once('fed', () => (printer.overheatHead(), resolve())),
      );
      // the journey's step (30 s) ends the print through its signal: here the spec's, aborted once
      // the head's wait is past
      const step = new AbortController();
      const config = {
        ...deps.config,
        kiosk: { id: 'JZ-0001', timeZone: 'Asia/Shanghai' },
        host: { kioskKey: 'k' },
      };
      const actors = provideWithdrawalJourney(
        {
          ...deps,
          config: config as unknown as KioskConfig,
          printer: {
            print: (r: Receipt, s?: AbortSignal) =>
              driver.print(r, AbortSignal.any([step.signal, ...(s ? [s] : [])])),
          } as unknown as typeof deps.printer,
        },
        scopes.of,
      ).implementations.actors;
      const scope = new SessionScope(journal, session);
      scope.card = { name: 'Zhang San', cardNumber: 'H41080000101' } as unknown as typeof scope.card;
      const printed = runInScope(scopes, scope, actors['printWithdrawalReceipt'], { paidFen: AMOUNT }).catch(
        (e: unknown) => e,
      );
      await hot;
      await driver.refreshStatus(); // a round trip: the driver has read the hot head
      await jest.advanceTimersByTimeAsync(DEFAULT_HEAD_COOL_WAIT_MS);
      step.abort();
      expect(await printed).toMatchObject({ code: ErrorCode.DEVICE_BUSY });
      const steps = await journal.stepsOf(tx);
      expect(steps.map((r) => `${r.step}:${r.phase}`)).toEqual([
        'receipt.print:intent',
        'receipt.print:failed',
      ]);
      expect(JSON.parse(steps[1]?.detail ?? 'null')).toEqual({ code: ErrorCode.DEVICE_BUSY });
      expect(printer.receipts).toHaveLength(0);
    } finally {
      jest.useRealTimers();
      await driver.close();
      await printer.close();
      await dispenser.close();
    }
  });
});
