/**
 * The world of the boot-with-a-silent-host spec (`boot-host-timing-out-waits-once.spec.ts`): the
 * real journal (SQLite in memory), the host simulator (embedded) for the withdrawals, a fake office
 * applying each card report once per idempotency key, the cash dispenser emulator and a card
 * printer whose last card is gone from the slot. While `link.away`, every host call goes through a
 * real HTTP client with a short host timeout to a listener that accepts and never answers
 * (`link.waited` counts the calls that waited it out). `daemon()` is one boot: its own background
 * tries, card reports and recovery.
 */
import { loadConfig } from '@kiosk/config';
import type { CardPrinterPort } from '@kiosk/device-drivers';
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { demoResident } from '@kiosk/domain';
import { HostConnection } from '../host/host-connection.js';
import { HostService } from '../host/host.service.js';
import { IssuanceHostService } from '../host/issuance-host.service.js';
import { silentHostLink, WITHDRAWAL_HOST_CALLS } from '../host/silent-host-link.spec-support.js';
import type { JournalService } from '../journal/journal.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { CardMakingReports } from '../journeys/card-making-reports.js';
import { WithdrawalHoldRelease } from '../journeys/withdrawal-hold-release.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { dispenserAndPrinterDevices } from './recovery-devices.spec-support.js';
import { SessionRecoveryService } from './session-recovery.service.js';

export const AMOUNT = 30_000;
const cleanups: (() => Promise<void> | void)[] = [];

/** Stops and closes everything the worlds opened (the spec's afterEach). */
export async function closeWorlds(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

/**
 * The host as the kiosk reaches it: while `away`, every call goes to a back office that accepts
 * the connection and never answers (each waits the host timeout: `waited` counts them); after,
 * `host` (the simulator) and `office` (the card reports) answer.
 */
async function hostLink(host: HostService, office: IssuanceHostService) {
  const silent = await silentHostLink((close) => cleanups.push(close));
  return {
    link: silent.link,
    host: silent.through(WITHDRAWAL_HOST_CALLS, silent.silentHost, host),
    issuance: silent.through(['reportIssuance'], silent.silentIssuance, office),
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

/** A withdrawal authorised at the host and cut short before any dispense: nothing decided yet. */
export async function withdrawalInterrupted(
  journal: JournalService,
  host: HostService,
  resident: 'li' | 'zhang',
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
  return tx;
}

/** A withdrawal authorised at the host, left for staff by an earlier boot, a verdict given before a restart. */
export async function withdrawalWithVerdict(
  journal: JournalService,
  host: HostService,
  resident: 'li' | 'zhang',
  verdict: 'paid' | 'notPaid',
) {
  const tx = await withdrawalInterrupted(journal, host, resident);
  await journal.recordStep(tx, 'recovery.needsStaff', 'event', { reason: 'the notes cannot be found' });
  await journal.recordStep(tx, 'recovery.staffVerdict', 'event', { verdict, staff: 'FS-0002' });
  return tx;
}

/** A card making left for staff by an earlier boot, the card found in the reject bin before a restart. */
export async function cardVerdictGiven(journal: JournalService, cardNumber: string, applicationNo: string) {
  const tx = await cardTaken(journal, cardNumber, applicationNo);
  await journal.recordStep(tx, 'card.retract', 'intent');
  await journal.recordStep(tx, 'recovery.needsStaff', 'event', {
    reason: 'where the card went is not known',
  });
  await journal.recordStep(tx, 'recovery.staffVerdict', 'event', {
    card: 'inRejectBin',
    staff: 'FS-0002',
    outcome: 'abandoned',
  });
  return tx;
}

/** A card making cut short after its card was presented and taken: the office never told. */
export async function cardTaken(journal: JournalService, cardNumber: string, applicationNo: string) {
  const tx = await journal.openTransaction(`s-${applicationNo}`, 'issueCard');
  await journal.sealPersonalData(tx, 'cardNumber', cardNumber);
  await journal.recordStep(tx, 'issuance.order', 'event', { applicationNo, attempt: 1 });
  for (const step of ['card.feed', 'card.present']) {
    await journal.recordStep(tx, step, 'intent');
    await journal.recordStep(tx, step, 'done');
  }
  return tx;
}

export async function world() {
  const { db, journal } = await openMemoryJournal();
  cleanups.push(() => db.destroy());
  const connection = new HostConnection(loadConfig({ profile: 'test' }));
  await connection.onModuleInit();
  cleanups.push(() => connection.onApplicationShutdown());
  const simulator = connection.embedded()!;
  const realHost = new HostService(connection, new MetricsService());
  const office = fakeOffice();
  const { host, issuance, link } = await hostLink(realHost, office.issuance);
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  cleanups.push(() => dispenser.close());
  const devices = dispenserAndPrinterDevices(dispenser, printer);
  /** One daemon's boot: its own background tries (the hold release's), card reports and recovery. */
  const daemon = () => {
    const tries = new WithdrawalHoldRelease(journal, host, db);
    cleanups.push(() => tries.retries.onApplicationShutdown());
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
      tries.retries,
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
