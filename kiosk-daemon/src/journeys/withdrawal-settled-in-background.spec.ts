/**
 * Fault: a withdrawal's reversal or confirm left to the next boot. The notes were retracted (not
 * taken) or taken, and the host was down or did not answer in time when the kiosk told it: the
 * resident's money stayed held (reversal) or the host never learned the withdrawal was paid
 * (confirm) until the recovery sweep of the kiosk's next boot, days away on a kiosk not
 * restarted. The same journaled act, under the same idempotency key, is now tried again in the
 * background until the host answers, journaled done; a restart before it answered leaves it to
 * the sweep, which settles it once, the same way (a confirm stays a confirm).
 *
 * The real journal (SQLite in memory), the real host simulator (embedded, over HTTP) and the
 * dispenser emulator.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@kiosk/config';
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, demoResident, type DeviceStatus } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import { HostConnection } from '../host/host-connection.js';
import { HostService } from '../host/host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { journeyTools } from './journey-tools.js';
import { WithdrawalHoldRelease } from './withdrawal-hold-release.js';
import { confirmAtHost, reverseAtHost } from './withdrawal-host-settlement.js';
import { dispenserCounts } from './withdrawal-journey.js';

const li = demoResident('li')!;
const AMOUNT = 30_000;

let connection: HostConnection | undefined;
let db: DataSource | undefined;
const retriers: WithdrawalHoldRelease[] = [];

afterEach(async () => {
  for (const r of retriers.splice(0)) r.onApplicationShutdown();
  await connection?.onApplicationShutdown();
  await db?.destroy();
  connection = undefined;
  db = undefined;
});

/**
 * The host as the kiosk's reversal and confirm reach it: `down` refuses them (unreachable);
 * `answerLost` lets them through and loses the answer (a timeout after the host acted).
 */
function hostLink(host: HostService) {
  const link = { down: true, answerLost: false, tries: 0 };
  const wrapped = Object.create(host) as HostService;
  const through = async <T>(act: () => Promise<T>): Promise<T> => {
    link.tries += 1;
    if (link.down) throw new KioskError(ErrorCode.HOST_UNREACHABLE, 'The back office cannot be reached.');
    const answer = await act();
    if (link.answerLost)
      throw new KioskError(ErrorCode.HOST_TIMEOUT, 'The back office did not answer in time.');
    return answer;
  };
  wrapped.reverseWithdrawal = (...args) => through(() => host.reverseWithdrawal(...args));
  wrapped.confirmWithdrawal = (...args) => through(() => host.confirmWithdrawal(...args));
  return { host: wrapped, link };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never happened: ${what}`);
}

async function world(retryFirstMs = 5) {
  const opened = await openMemoryJournal();
  db = opened.db;
  const { journal } = opened;
  connection = new HostConnection(loadConfig({ profile: 'test' }));
  await connection.onModuleInit();
  const simulator = connection.embedded()!;
  const host = new HostService(connection, new MetricsService());
  const { host: kioskHost, link } = hostLink(host);
  const newRetrier = () => {
    const retrier = new WithdrawalHoldRelease(journal, kioskHost, opened.db);
    retrier.retry = { firstMs: retryFirstMs, maxMs: 40 };
    retriers.push(retrier);
    return retrier;
  };
  const retrier = newRetrier();
  const deps = { host: kioskHost, holdRelease: retrier };
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  const tx = await journal.openTransaction('s1', 'withdraw');
  const tools = journeyTools(
    journal,
    tx,
    () => 'en',
    () => undefined,
  );
  const before = simulator.state.balanceOfCard(li.cardNumber)!;
  const balance = () => simulator.state.balanceOfCard(li.cardNumber)!;
  const ledger = (kind: 'withdrawalReversal' | 'withdrawalPaid') =>
    simulator.state.ledger.transactions().filter((t) => t.kind === kind).length;
  const steps = async () => (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);

  /** The journey up to the notes at the slot, journaled as the journey does; the authorisation id. */
  const presented = async (): Promise<string> => {
    const view = await tools.irreversible(
      'withdrawal.authorise',
      () =>
        host.authoriseWithdrawal({
          cardNumber: li.cardNumber,
          idNumber: li.idNumber,
          amountFen: AMOUNT,
          transactionSerial: tx,
        }),
      { amountFen: AMOUNT },
    );
    await tools.step('withdrawal.authorised', { authorisationId: view.authorisationId, amountFen: AMOUNT });
    await tools.irreversible('cash.dispense', () => dispenser.dispense(AMOUNT), {
      amountFen: AMOUNT,
      ...dispenserCounts(dispenser),
    });
    await tools.irreversible('cash.present', () => dispenser.present());
    return view.authorisationId;
  };
  const retracted = async () => {
    const r = await tools.irreversible('cash.retract', () => dispenser.retract(), {
      retractBinBefore: dispenserCounts(dispenser).retractBinBefore,
    });
    await tools.step('cash.retracted', { retractedFen: r.retractedFen, notes: r.notes });
  };
  const taken = async () => {
    dispenser.takeCash();
    await tools.step('cash.taken', { paidFen: AMOUNT });
  };
  /** Recovery at boot with the host reachable (by default a restarted kiosk's, with no background tries). */
  const boot = async (bootRetrier = newRetrier()) => {
    const devices = {
      cardReader: { cardPosition: () => 'none' },
      cashDispenser: dispenser,
      statuses: (): DeviceStatus[] => [dispenser.status()],
      onAnyStatus: () => () => undefined,
    } as unknown as DevicesService;
    const recovery = new SessionRecoveryService(devices, journal, host, undefined, undefined, bootRetrier);
    const report = await recovery.recoverUnfinished();
    recovery.onApplicationShutdown();
    return report;
  };
  return {
    journal,
    host,
    simulator,
    link,
    retrier,
    deps,
    tx,
    tools,
    before,
    balance,
    ledger,
    steps,
    presented,
    retracted,
    taken,
    boot,
  };
}

const isDone = (step: string) => async (w: { steps: () => Promise<string[]> }) =>
  (await w.steps()).includes(`${step}:done`);

describe('withdrawal reversal and confirm the host did not answer, settled in the background', () => {
  it('reversal after notes retracted with the host down, then the host back: reversed once without a restart', async () => {
    const w = await world();
    const authorisationId = await w.presented();
    await w.retracted();

    await expect(
      reverseAtHost(w.deps, w.tools, authorisationId, AMOUNT, ErrorCode.CASH_NOT_TAKEN),
    ).rejects.toMatchObject({ code: ErrorCode.HOST_UNREACHABLE });
    expect(w.retrier.owns(w.tx)).toBe(true);
    expect(w.balance()).toBe(w.before - AMOUNT);
    await new Promise((r) => setTimeout(r, 60)); // several background tries while the host is down
    expect(w.link.tries).toBeGreaterThan(2);
    expect(w.balance()).toBe(w.before - AMOUNT);

    w.link.down = false;
    await until(() => isDone('withdrawal.reverse')(w), 'the reversal done');
    expect(w.balance()).toBe(w.before);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(0);
    expect(w.retrier.owns(w.tx)).toBe(false);
    expect((await w.host.withdrawalByKey(w.tx))?.status).toBe('reversed');
    expect((await w.steps()).filter((s) => s.startsWith('withdrawal.reverse:'))).toEqual([
      'withdrawal.reverse:intent',
      'withdrawal.reverse:failed', // the journey's try; the background tries are not journaled
      'withdrawal.reverse:done',
    ]);
    const done = (await w.journal.stepsOf(w.tx)).find(
      (s) => s.step === 'withdrawal.reverse' && s.phase === 'done',
    );
    expect(JSON.parse(done!.detail!)).toMatchObject({ hostStatus: 'reversed', balanceAfterFen: w.before });
  });

  it('confirm with the host down, then back: confirmed once, never reversed', async () => {
    const w = await world();
    const authorisationId = await w.presented();
    await w.taken();

    await expect(confirmAtHost(w.deps, w.tools, authorisationId, AMOUNT, 0)).rejects.toMatchObject({
      code: ErrorCode.HOST_UNREACHABLE,
    });
    expect(w.retrier.owns(w.tx)).toBe(true);
    expect((await w.host.withdrawalByKey(w.tx))?.status).toBe('authorised');

    w.link.down = false;
    await until(() => isDone('withdrawal.confirm')(w), 'the confirm done');
    expect((await w.host.withdrawalByKey(w.tx))?.status).toBe('confirmed');
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect(w.ledger('withdrawalReversal')).toBe(0);
    expect(w.balance()).toBe(w.before - AMOUNT);
    expect(w.simulator.state.ledger.isBalanced()).toBe(true);
    expect((await w.steps()).filter((s) => s.startsWith('withdrawal.'))).toEqual([
      'withdrawal.authorise:intent',
      'withdrawal.authorise:done',
      'withdrawal.authorised:event',
      'withdrawal.confirm:intent',
      'withdrawal.confirm:failed',
      'withdrawal.confirm:done',
    ]);
  });

  it('confirm timed out after the host paid it out: sent again under the same key, the host answers it once', async () => {
    const w = await world();
    const authorisationId = await w.presented();
    await w.taken();
    w.link.down = false;
    w.link.answerLost = true;

    await expect(confirmAtHost(w.deps, w.tools, authorisationId, AMOUNT, 0)).rejects.toMatchObject({
      code: ErrorCode.HOST_TIMEOUT,
    });
    expect((await w.host.withdrawalByKey(w.tx))?.status).toBe('confirmed');
    w.link.answerLost = false;
    await until(() => isDone('withdrawal.confirm')(w), 'the confirm done');
    // a second confirm would have been refused (nothing held): the host replayed its answer
    const done = (await w.journal.stepsOf(w.tx)).find(
      (s) => s.step === 'withdrawal.confirm' && s.phase === 'done',
    );
    expect(JSON.parse(done!.detail!)).toMatchObject({ hostStatus: 'confirmed' });
    expect(w.ledger('withdrawalPaid')).toBe(1);
  });

  it('partial dispense with the host down at its reversal: the confirm is journaled, then both are sent once the host is back', async () => {
    const w = await world();
    const authorisationId = await w.presented();
    await w.taken();
    const paidFen = AMOUNT - 10_000;

    await expect(confirmAtHost(w.deps, w.tools, authorisationId, paidFen, 10_000)).rejects.toMatchObject({
      code: ErrorCode.HOST_UNREACHABLE,
    });
    // journal first: the confirm the journey never reached is journaled before it is sent
    expect((await w.steps()).slice(-3)).toEqual([
      'withdrawal.reverse:intent',
      'withdrawal.reverse:failed',
      'withdrawal.confirm:intent',
    ]);

    w.link.down = false;
    await until(() => isDone('withdrawal.confirm')(w), 'the confirm done');
    const view = await w.host.withdrawalByKey(w.tx);
    expect(view).toMatchObject({ status: 'confirmed', reversedFen: 10_000 });
    expect(w.balance()).toBe(w.before - paidFen);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(1);
  });

  it('the host refusing the reversal is an answer: not tried again, left to the sweep at boot', async () => {
    const w = await world();
    const authorisationId = await w.presented();
    await w.retracted();
    w.link.down = false;
    await w.host.reverseWithdrawal(authorisationId, 'staff-settled', { reason: 'cancelled' });

    await expect(
      reverseAtHost(w.deps, w.tools, authorisationId, AMOUNT, ErrorCode.CASH_NOT_TAKEN),
    ).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_ALREADY_SETTLED });
    expect(w.retrier.owns(w.tx)).toBe(false);
    expect(w.ledger('withdrawalReversal')).toBe(1);
  });

  it('the sweep at boot leaves a reversal still tried in the background alone: reversed once', async () => {
    const w = await world();
    const authorisationId = await w.presented();
    await w.retracted();
    await expect(
      reverseAtHost(w.deps, w.tools, authorisationId, AMOUNT, ErrorCode.CASH_NOT_TAKEN),
    ).rejects.toMatchObject({ code: ErrorCode.HOST_UNREACHABLE });
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.HOST_UNREACHABLE);

    // recovery with the host reachable while this kiosk's background tries still own the serial
    await expect(w.boot(w.retrier)).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect(w.ledger('withdrawalReversal')).toBe(0);

    w.link.down = false;
    await until(() => isDone('withdrawal.reverse')(w), 'the reversal done');
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.balance()).toBe(w.before);
  });
});

describe('a restart before the host answered: the sweep at boot settles it once over two boots', () => {
  it('reversal after notes retracted, the host down until a restart: reversed once, not twice', async () => {
    const w = await world(60_000);
    const authorisationId = await w.presented();
    await w.retracted();
    await expect(
      reverseAtHost(w.deps, w.tools, authorisationId, AMOUNT, ErrorCode.CASH_NOT_TAKEN),
    ).rejects.toMatchObject({ code: ErrorCode.HOST_UNREACHABLE });
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_NOT_TAKEN);
    w.retrier.onApplicationShutdown(); // the kiosk stops
    w.link.down = false;

    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 1 });
    expect(w.balance()).toBe(w.before);
    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(0);
  });

  it('confirm with the host down until a restart: confirmed at boot once, never reversed', async () => {
    const w = await world(60_000);
    const authorisationId = await w.presented();
    await w.taken();
    await expect(confirmAtHost(w.deps, w.tools, authorisationId, AMOUNT, 0)).rejects.toMatchObject({
      code: ErrorCode.HOST_UNREACHABLE,
    });
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.HOST_UNREACHABLE);
    w.retrier.onApplicationShutdown();
    w.link.down = false;

    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 1 });
    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect((await w.host.withdrawalByKey(w.tx))?.status).toBe('confirmed');
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect(w.ledger('withdrawalReversal')).toBe(0);
    expect(w.balance()).toBe(w.before - AMOUNT);
  });

  it('a background confirm that reached the host before the restart, its done not journaled: nothing more at either boot', async () => {
    const w = await world(5);
    const authorisationId = await w.presented();
    await w.taken();
    await expect(confirmAtHost(w.deps, w.tools, authorisationId, AMOUNT, 0)).rejects.toMatchObject({
      code: ErrorCode.HOST_UNREACHABLE,
    });
    w.link.down = false;
    w.link.answerLost = true; // the background try reaches the host; its answer is lost
    await until(async () => (await w.host.withdrawalByKey(w.tx))?.status === 'confirmed', 'host confirmed');
    w.retrier.onApplicationShutdown();
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.HOST_UNREACHABLE);

    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect(w.ledger('withdrawalReversal')).toBe(0);
  });
});
