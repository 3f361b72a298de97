/**
 * A seeded random run of mixed journeys through the real daemon (in this process, emulators, a
 * SQLite journal file) against the host simulator over HTTP, with robot residents who sometimes
 * type a wrong PIN, ask for too much, fail the face match, leave the cash in the slot, or report a
 * card lost; whose card expired or was lost gets a new one made at the kiosk and activates it.
 * Field staff come on a round and when the kiosk holds a journey back for a supply, and see to it
 * on the maintenance API. The host's clock moves an hour per journey so the daily caps come and
 * go. At the end it checks what must hold whatever happened (`mixed-journeys.invariants.ts`): the
 * money adds up, and every card blank and every card made is accounted for.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { loadConfig } from '@kiosk/config';
import { DEMO_ISSUER_KEY } from '@kiosk/device-drivers';
import { type CardBlanksReconciliation, DEMO_RESIDENTS, type ReconciliationReport } from '@kiosk/domain';
import { createHostSimulator, createPrng } from '@kiosk/host-simulator';
import { createKioskLogger, startKioskDaemon } from '@kiosk/kiosk-daemon';
import { io } from 'socket.io-client';
import { type CardAccount, cardAccount } from './mixed-journeys.cards.js';
import {
  currentCardNumber,
  KIOSK_ID,
  KIOSK_KEY,
  topUp,
  unfreezeAtCounter,
} from './mixed-journeys.counter.js';
import { nextJourney, noteRefusal } from './mixed-journeys.residents.js';
import { type Resident, runJourney, Screen } from './mixed-journeys.robot.js';
import { FieldStaff, type SupplyWork, type VisitResult } from './mixed-journeys.staff.js';

const HOST_HOURS_PER_JOURNEY = 1;
/** every half month of host time the fund pays each demo resident 3,000 yuan */
const TOP_UP_EVERY = (15 * 24) / HOST_HOURS_PER_JOURNEY;
/** field staff's round: once a week of host time */
const ROUND_EVERY = (7 * 24) / HOST_HOURS_PER_JOURNEY;
/** a kiosk that holds a journey back for a device or supply: staff come within hours */
const CALL_OUT_HOURS = 4;
/** the share of residents who, their card reported lost, find it again (else they get a new one) */
const FOUND_AGAIN = 0.5;

export interface MixedRunOptions {
  readonly journeys: number;
  readonly seed: number;
  /** called every `progressEvery` journeys */
  readonly progress?: (done: number) => void;
  readonly progressEvery?: number;
  /** card blanks loaded in the hopper at the start (default 50) */
  readonly blanks?: number;
}

export interface MixedRunResult {
  readonly journeys: number;
  readonly seconds: number;
  /** journey → outcome (or refusal code) → count */
  readonly outcomes: Record<string, Record<string, number>>;
  readonly cashTakenFen: number;
  readonly hostPaidFen: number;
  readonly hostHeldFen: number;
  readonly hostWithdrawals: number;
  readonly journalConfirmed: number;
  readonly hostPaidWithdrawals: number;
  readonly ledgerBalanced: boolean;
  /** the cards made at the kiosk, from the host, the journal and the residents' hands */
  readonly cards: CardAccount;
  /** the daemon's card blanks reconciliation at the end of the run (staff's last report) */
  readonly blanks: CardBlanksReconciliation | null;
  /** field staff's visits (rounds, call-outs and the last one) */
  readonly visits: number;
  /** visits whose reconciliation report did not account for every blank */
  readonly visitsNotReconciled: number;
  /** what staff refilled and emptied: times and units */
  readonly staffWork: Record<string, { times: number; quantity: number }>;
}

function journalConfirmedWithdrawals(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    const row = db
      .prepare(
        `SELECT COUNT(*) AS n FROM journal_step s JOIN journal_transaction t ON t.id = s.transactionId
         WHERE t.journey = 'withdraw' AND s.step = 'withdrawal.confirm' AND s.phase = 'done'`,
      )
      .get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/** A journey held back (for a device or supply) or stopped by one: the fleet sees it, staff are called. */
const callsStaff = (outcome: string): boolean =>
  outcome.startsWith('start:') || /:(DEVICE_|CARD_PRINTER_|RECEIPT_|CASH_DISPENSER_|PAPER_)/.test(outcome);

export async function runMixedJourneys(options: MixedRunOptions): Promise<MixedRunResult> {
  // the host simulator's seeded generator: the same seed, the same run
  const rng = createPrng(options.seed);
  let hostNow = new Date('2026-11-26T01:00:00.000Z');
  const host = createHostSimulator({
    kioskKeys: { [KIOSK_ID]: KIOSK_KEY },
    residents: 20,
    now: () => hostNow,
    // the demo cards' chips are keyed under the demo issuer key: a PIN unlock needs the same
    issuerMasterKey: DEMO_ISSUER_KEY.toString('hex'),
  });
  const cardsBefore = new Set(host.state.cards.keys());
  const { url: hostUrl } = await host.listen(0, '127.0.0.1');
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-soak-'));
  const journalPath = join(dir, 'journal.sqlite');
  const config = loadConfig({
    profile: 'test',
    overrides: [
      'gateway.port=0',
      `journal.path=${journalPath}`,
      'demo.panel=true',
      'host.mode=external',
      `host.url=${hostUrl}`,
      `host.kioskKey=${KIOSK_KEY}`,
      // loaded as a kiosk is (the test profile's notes, paper and ribbon): field staff refill
      `devices.cardPrinter.hopper=${options.blanks ?? 50}`,
      'timeouts.cashTakeMs=300',
      'timeouts.cardTakeMs=20000',
    ],
  });
  const daemon = await startKioskDaemon(config, createKioskLogger('error'));
  const socket = io(daemon.url, { path: '/socket.io', transports: ['websocket'], forceNew: true });
  const screen = new Screen(socket);
  const staff = new FieldStaff(daemon.url, screen);
  const outcomes: Record<string, Record<string, number>> = {};
  const visits: VisitResult[] = [];
  const cardsTaken: string[] = [];
  let cashTakenFen = 0;
  let finalReport: ReconciliationReport | undefined;
  const t0 = performance.now();
  try {
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const residents: Resident[] = DEMO_RESIDENTS.map((r) => ({
      key: r.key,
      cardId: r.key,
      pin: r.cardPin,
      state: r.cardState,
    }));
    let visitAt = ROUND_EVERY;
    for (let i = 0; i < options.journeys; i += 1) {
      hostNow = new Date(hostNow.getTime() + HOST_HOURS_PER_JOURNEY * 3_600_000);
      if (i % TOP_UP_EVERY === 0) topUp(host, hostNow);
      if (i === visitAt) {
        visits.push(await staff.visit());
        visitAt = i + ROUND_EVERY;
      }
      const resident = rng.pick(residents);
      const journey = nextJourney(host, resident, rng, hostNow);
      const run = await runJourney(screen, rng, resident, journey);
      cashTakenFen += run.cashTakenFen;
      if (run.newCardId !== undefined) {
        // a new card in hand, sealed with the default PIN: activated on the next visit
        cardsTaken.push(run.newCardId);
        Object.assign(resident, { cardId: run.newCardId, pin: '123456', state: 'made' });
      }
      if (journey === 'reportLoss' && run.outcome === 'completed') {
        if (rng.chance(FOUND_AGAIN)) {
          await unfreezeAtCounter(hostUrl, resident.key, currentCardNumber(host, resident.key), i);
        } else resident.state = 'lost';
      }
      noteRefusal(resident, run.outcome);
      if (run.outcome.endsWith(':ANOMALY_BLOCKED')) {
        // staff at the back office review the held card and lift the block
        host.anomalies.clearBlock(currentCardNumber(host, resident.key));
      }
      if (callsStaff(run.outcome)) visitAt = Math.min(visitAt, i + CALL_OUT_HOURS);
      const byJourney = (outcomes[run.journey] ??= {});
      byJourney[run.outcome] = (byJourney[run.outcome] ?? 0) + 1;
      if (options.progress && (i + 1) % (options.progressEvery ?? 1000) === 0) options.progress(i + 1);
    }
    // the end of the run: staff's last visit, its reconciliation report the account of the blanks
    const last = await staff.visit();
    visits.push(last);
    finalReport = last.report;
  } finally {
    socket.close();
    await daemon.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  try {
    const withdrawals = [...host.state.withdrawals.values()].filter((w) => w.kioskId === KIOSK_ID);
    const paid = withdrawals.filter((w) => w.paidFen > 0);
    return {
      journeys: options.journeys,
      seconds,
      outcomes,
      cashTakenFen,
      hostPaidFen: withdrawals.reduce((sum, w) => sum + w.paidFen, 0),
      hostHeldFen: withdrawals.reduce((sum, w) => sum + w.heldFen, 0),
      hostWithdrawals: withdrawals.length,
      hostPaidWithdrawals: paid.length,
      journalConfirmed: journalConfirmedWithdrawals(journalPath),
      ledgerBalanced: host.state.ledger.isBalanced(),
      cards: cardAccount(host.state, KIOSK_ID, cardsBefore, journalPath, cardsTaken),
      blanks: finalReport?.cardBlanks ?? null,
      visits: visits.length,
      visitsNotReconciled: visits.filter((v) => v.report.cardBlanks?.reconciles !== true).length,
      staffWork: tally(visits.flatMap((v) => v.work)),
    };
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What staff did over the run: `refill cardPrinter/cardHopper` → times and units. */
function tally(work: readonly SupplyWork[]): Record<string, { times: number; quantity: number }> {
  const out: Record<string, { times: number; quantity: number }> = {};
  for (const w of work) {
    const line = (out[`${w.action} ${w.device}/${w.supply}`] ??= { times: 0, quantity: 0 });
    line.times += 1;
    line.quantity += w.quantity;
  }
  return out;
}
