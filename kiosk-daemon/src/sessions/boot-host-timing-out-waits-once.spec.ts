/**
 * Fault: a boot with the host timing out (it accepts the connection and never answers) and several
 * items pending waited one full host timeout per item, one after the other, before the kiosk ended
 * its self test: each withdrawal carrying a staff verdict asked the host on its own, and so did each
 * card-making report. Now the first call the host does not answer marks it away for the whole boot
 * (`BootHost`): the boot waits about one host timeout, the card reports go to the background tries
 * (their intent journaled) and the verdicts stay open and listed for staff (ADR 0008, ADR 0010);
 * none is lost: once the host is back each report is told once and each verdict settled once.
 *
 * The real journal (SQLite in memory), the real recovery, background tries and card reports, the
 * host simulator (embedded) for the withdrawals and the cash dispenser emulator; the office's card
 * reports are a fake that applies each once per idempotency key, as the host does. While the host
 * is away every call goes, through a real HTTP client with a short host timeout, to a listener
 * that accepts and never answers.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Socket } from 'node:net';
import { loadConfig } from '@kiosk/config';
import type { CardPrinterPort } from '@kiosk/device-drivers';
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, demoResident } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import { HostConnection } from '../host/host-connection.js';
import { HostService } from '../host/host.service.js';
import { IssuanceHostService } from '../host/issuance-host.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { CardMakingReports } from '../journeys/card-making-reports.js';
import { WithdrawalHoldRelease } from '../journeys/withdrawal-hold-release.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { SessionRecoveryService } from './session-recovery.service.js';

const HOST_TIMEOUT_MS = 150;
const AMOUNT = 30_000;
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const HOST_CALLS = [
  'authorisedWithdrawals',
  'withdrawalByKey',
  'releaseWithdrawalHold',
  'reverseWithdrawal',
  'confirmWithdrawal',
] as const;

/**
 * The host as the kiosk reaches it: while `away`, every call goes to a back office that accepts
 * the connection and never answers (each waits the host timeout: `waited` counts them); after,
 * `host` (the simulator) and `office` (the card reports) answer.
 */
async function silentHostLink(host: HostService, office: IssuanceHostService) {
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
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await connection.onApplicationShutdown();
    await new Promise((resolve) => server.close(resolve));
  });
  const link = { away: true, waited: 0 };
  const through = <T extends object>(names: readonly string[], silent: T, up: T): T => {
    const wrapped = Object.create(up) as T;
    for (const name of names) {
      (wrapped as Record<string, unknown>)[name] = async (...args: unknown[]) => {
        const target = (link.away ? silent : up) as Record<string, (...a: unknown[]) => Promise<unknown>>;
        try {
          return await target[name]!.apply(target, args);
        } catch (e) {
          if (link.away && KioskError.from(e).code === ErrorCode.HOST_TIMEOUT) link.waited += 1;
          throw e;
        }
      };
    }
    return wrapped;
  };
  return {
    link,
    host: through(HOST_CALLS, new HostService(connection, new MetricsService()), host),
    issuance: through(['reportIssuance'], new IssuanceHostService(connection, new MetricsService()), office),
  };
}

/** The office's card reports: each applied once per idempotency key; every one that reached it. */
function fakeOffice() {
  const calls: string[] = [];
  const applied = new Set<string>();
  const issuance = {
    reportIssuance: async (applicationNo: string, report: { outcome: string }, serial: string) => {
      const key = `${applicationNo}:${serial}:${report.outcome}`;
      calls.push(key);
      applied.add(key);
      return {};
    },
  } as unknown as IssuanceHostService;
  return { calls, applied, issuance };
}

// a card printer whose last card is gone from the slot (presented, then taken)
const printer = {
  cardPosition: () => 'none',
  ejectToRejectBin: async () => undefined,
  status: () => ({
    kind: 'cardPrinter',
    device: 'online',
    supplies: [
      { name: 'cardHopper', level: 'ok', count: 38 },
      { name: 'rejectBin', level: 'ok', count: 0 },
    ],
  }),
} as unknown as CardPrinterPort;

/** A withdrawal authorised at the host, left for staff by an earlier boot, a verdict given before a restart. */
async function withdrawalWithVerdict(
  journal: JournalService,
  host: HostService,
  resident: 'li' | 'zhang',
  verdict: 'paid' | 'notPaid',
) {
  const { cardNumber, idNumber } = demoResident(resident)!;
  const tx = await journal.openTransaction(`s-${resident}`, 'withdraw');
  await journal.recordStep(tx, 'withdrawal.authorise', 'intent', { amountFen: AMOUNT });
  const view = await host.authoriseWithdrawal({
    cardNumber,
    idNumber,
    amountFen: AMOUNT,
    transactionSerial: tx,
  });
  await journal.recordStep(tx, 'withdrawal.authorise', 'done');
  await journal.recordStep(tx, 'withdrawal.authorised', 'event', {
    authorisationId: view.authorisationId,
    amountFen: AMOUNT,
  });
  await journal.recordStep(tx, 'recovery.needsStaff', 'event', { reason: 'the notes cannot be found' });
  await journal.recordStep(tx, 'recovery.staffVerdict', 'event', { verdict, staff: 'FS-0002' });
  return tx;
}

/** A card making cut short after its card was presented and taken: the office never told. */
async function cardTaken(journal: JournalService, cardNumber: string, applicationNo: string) {
  const tx = await journal.openTransaction(`s-${applicationNo}`, 'issueCard');
  await journal.sealPersonalData(tx, 'cardNumber', cardNumber);
  await journal.recordStep(tx, 'issuance.order', 'event', { applicationNo, attempt: 1 });
  for (const step of ['card.feed', 'card.present']) {
    await journal.recordStep(tx, step, 'intent');
    await journal.recordStep(tx, step, 'done');
  }
  return tx;
}

async function until(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function world() {
  const { db, journal } = await openMemoryJournal();
  cleanups.push(() => db.destroy());
  const connection = new HostConnection(loadConfig({ profile: 'test' }));
  await connection.onModuleInit();
  cleanups.push(() => connection.onApplicationShutdown());
  const simulator = connection.embedded()!;
  const realHost = new HostService(connection, new MetricsService());
  const office = fakeOffice();
  const { host, issuance, link } = await silentHostLink(realHost, office.issuance);
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  cleanups.push(() => dispenser.close());
  const devices = {
    cardReader: { cardPosition: () => 'none' },
    cardPrinter: printer,
    cashDispenser: dispenser,
    statuses: () => [dispenser.status(), printer.status()],
    onAnyStatus: () => () => undefined,
  } as unknown as DevicesService;
  /** One daemon's boot: its own background tries (the hold release's), card reports and recovery. */
  const daemon = () => {
    const tries = new WithdrawalHoldRelease(journal, host, db);
    cleanups.push(() => tries.onApplicationShutdown());
    const reports = new CardMakingReports(journal, db, tries.retries, issuance);
    const recovery = new SessionRecoveryService(
      devices,
      journal,
      host,
      issuance,
      undefined,
      tries,
      undefined,
      reports,
    );
    cleanups.push(() => recovery.onApplicationShutdown());
    return { tries, recovery };
  };
  const balance = (resident: 'li' | 'zhang') =>
    simulator.state.balanceOfCard(demoResident(resident)!.cardNumber)!;
  const ledger = (kind: 'withdrawalReversal' | 'withdrawalPaid') =>
    simulator.state.ledger.transactions().filter((t) => t.kind === kind).length;
  const stepsOf = async (tx: string) => (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
  const isOpen = async (tx: string) => (await journal.openTransactions()).some((t) => t.id === tx);
  return { journal, realHost, office, link, daemon, balance, ledger, stepsOf, isOpen };
}

describe('a boot with the host timing out and several items pending', () => {
  it('fault: two withdrawal verdicts and two card reports: the boot waits one host timeout, not four; each settled once after the host is back', async () => {
    const w = await world();
    const before = { li: w.balance('li'), zhang: w.balance('zhang') };
    const paid = await withdrawalWithVerdict(w.journal, w.realHost, 'li', 'paid');
    const firstCard = await cardTaken(w.journal, 'H41080000991', 'A0000041');
    const notPaid = await withdrawalWithVerdict(w.journal, w.realHost, 'zhang', 'notPaid');
    const secondCard = await cardTaken(w.journal, 'H41080000992', 'A0000042');

    const first = w.daemon();
    // the verdicts the host did not hear stay for staff: the self test fails, the kiosk out of service
    await expect(first.recovery.recoverUnfinished()).rejects.toMatchObject({
      code: ErrorCode.SESSION_INTERRUPTED,
      details: { transactions: `${paid},${notPaid}` },
    });
    expect(w.link.waited).toBe(1);
    // nothing lost: both verdicts open with their verdict, both reports journaled and tried in the background
    for (const tx of [paid, notPaid]) {
      expect(await w.isOpen(tx)).toBe(true);
      expect(await w.stepsOf(tx)).toContain('recovery.staffVerdict:event');
    }
    for (const tx of [firstCard, secondCard]) {
      expect(await w.isOpen(tx)).toBe(false);
      expect(await w.stepsOf(tx)).toContain('recovery.host.issued:intent');
      expect(first.tries.owns(tx)).toBe(true);
    }
    expect(w.office.calls).toEqual([]);

    w.link.away = false;
    const done = async (tx: string) => (await w.stepsOf(tx)).includes('recovery.host.issued:done');
    await until(async () => (await done(firstCard)) && (await done(secondCard)), 'both reports told');
    expect(w.office.calls.sort()).toEqual([`A0000041:${firstCard}:issued`, `A0000042:${secondCard}:issued`]);
    // the self test once the host is back (staff log out): each verdict carried through once
    await expect(first.recovery.recoverUnfinished()).resolves.toMatchObject({
      recovered: 2,
      withdrawalsSettled: 2,
    });
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.balance('li')).toBe(before.li - AMOUNT);
    expect(w.balance('zhang')).toBe(before.zhang);
    for (const tx of [paid, notPaid]) expect(await w.isOpen(tx)).toBe(false);

    // a restart finds nothing left: nothing told or settled again
    await expect(w.daemon().recovery.recoverUnfinished()).resolves.toMatchObject({ recovered: 0 });
    expect(w.office.calls).toHaveLength(2);
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.link.waited).toBe(1);
  });
});
