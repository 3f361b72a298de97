/**
 * Fault: the host down at boot (a back-office outage, every call hanging until the host timeout).
 * Recovery asks the host at most once and waits one host timeout, not one per step: the resumed
 * release, the resumed reversal and the sweep of held withdrawals go to their background tries
 * without waiting again, the kiosk goes in service, and once the host is back each is settled once.
 *
 * The real journal, the embedded host simulator and the dispenser emulator
 * (`withdrawal-settlement.spec-support.ts`); the boot's host behind a link that hangs: a real
 * HTTP client with a short `host.timeoutMs` against a server that accepts and never answers.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Socket } from 'node:net';
import { loadConfig } from '@kiosk/config';
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import { HostConnection } from '../host/host-connection.js';
import { HostService } from '../host/host.service.js';
import { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { SWEEP_KEY } from './withdrawal-boot-settlement.js';
import { RELEASE_STEP, type WithdrawalHoldRelease } from './withdrawal-hold-release.js';
import { reverseAtHost } from './withdrawal-host-settlement.js';
import { AMOUNT, isDone, until, withdrawalWorld as world } from './withdrawal-settlement.spec-support.js';

const HOST_TIMEOUT_MS = 150;
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const ASKED = [
  'authorisedWithdrawals',
  'withdrawalByKey',
  'releaseWithdrawalHold',
  'reverseWithdrawal',
  'confirmWithdrawal',
] as const;

/**
 * The host as recovery reaches it: while `hangs`, each call goes to a back office that accepts
 * the connection and never answers, so it waits the host timeout (`waited` counts those); after,
 * the embedded host as it is.
 */
async function hangingLink(real: HostService) {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const config = loadConfig({ profile: 'test' });
  const connection = new HostConnection({
    ...config,
    host: { ...config.host, mode: 'external', url: `http://127.0.0.1:${port}`, timeoutMs: HOST_TIMEOUT_MS },
  });
  await connection.onModuleInit();
  const hanging = new HostService(connection, new MetricsService());
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await connection.onApplicationShutdown();
    await new Promise((resolve) => server.close(resolve));
  });
  const link = { hangs: true, waited: 0 };
  const host = Object.create(real) as HostService;
  for (const name of ASKED) {
    const through = async (...args: unknown[]) => {
      const target = link.hangs ? hanging : real;
      try {
        return await (target[name] as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      } catch (e) {
        if (link.hangs && KioskError.from(e).code === ErrorCode.HOST_TIMEOUT) link.waited += 1;
        throw e;
      }
    };
    (host as unknown as Record<string, unknown>)[name] = through;
  }
  return { host, link };
}

describe('host down at boot: recovery waits one host timeout, not one per step', () => {
  it('a release, a reversal and held withdrawals to settle: one call waits, each settled once when the host is back', async () => {
    // background tries 400 ms after a failure: none of them starts before the host is back
    const w = await world(400);
    const authorisationId = await w.presented();
    await w.retracted();
    // the journey's reversal the host did not answer, then the kiosk stopped
    await expect(
      reverseAtHost(w.deps, w.tools, authorisationId, AMOUNT, ErrorCode.CASH_NOT_TAKEN),
    ).rejects.toMatchObject({ code: ErrorCode.HOST_UNREACHABLE });
    w.retrier.onApplicationShutdown();
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_NOT_TAKEN);
    // another session's release by serial (its authorisation's answer not read) cut off by the stop
    const other = await w.journal.openTransaction('s2', 'withdraw');
    await w.journal.recordStep(other, 'withdrawal.authorise', 'intent', { amountFen: 10_000 });
    await w.journal.recordStep(other, RELEASE_STEP, 'intent', { amountFen: 10_000, reason: 'timeout' });
    await w.journal.closeTransaction(other, 'failed', ErrorCode.HOST_TIMEOUT);

    const { host, link } = await hangingLink(w.host);
    const retrier: WithdrawalHoldRelease = w.newRetrier(host);
    const dispenser = new CashDispenserEmulator();
    await dispenser.open();
    const devices = {
      cardReader: { cardPosition: () => 'none' },
      cashDispenser: dispenser,
      statuses: (): DeviceStatus[] => [dispenser.status()],
      onAnyStatus: () => () => undefined,
    } as unknown as DevicesService;
    const recovery = new SessionRecoveryService(devices, w.journal, host, undefined, undefined, retrier);
    cleanups.push(async () => recovery.onApplicationShutdown());

    // nothing undecided: the kiosk goes in service after one host timeout
    await expect(recovery.recoverUnfinished()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect(link.waited).toBe(1);
    // nothing skipped: the release, the reversal and the sweep all wait in the background
    expect(retrier.owns(other)).toBe(true);
    expect(retrier.owns(w.tx)).toBe(true);
    expect(retrier.owns(SWEEP_KEY)).toBe(true);

    link.hangs = false;
    await until(() => isDone('withdrawal.reverse')(w), 'the reversal done');
    await until(
      async () => (await w.journal.stepsOf(other)).some((s) => s.step === RELEASE_STEP && s.phase === 'done'),
      'the release done',
    );
    await until(async () => !retrier.owns(SWEEP_KEY), 'the sweep ran once');
    expect(link.waited).toBe(1);
    expect(w.balance()).toBe(w.before);
    expect(w.ledger('withdrawalReversal')).toBe(1);

    // the next boot finds nothing left to settle
    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(0);
  });
});
