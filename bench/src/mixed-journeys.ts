/**
 * A seeded random run of mixed journeys through the real daemon (in this process, emulators, a
 * SQLite journal file) against the host simulator over HTTP, with a robot resident who sometimes
 * types a wrong PIN, asks for too much, fails the face match, leaves the cash in the slot, or
 * reports a card lost. The host's clock moves an hour per journey so the daily caps come and go.
 * At the end it checks what must hold whatever happened: the host's ledger balances, nothing is
 * still held, the notes the robot took add up to what the host booked as paid, and the journal
 * confirmed exactly the withdrawals the host paid.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { loadConfig } from '@kiosk/config';
import { DEMO_ISSUER_KEY } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, type Journey } from '@kiosk/domain';
import { createHostSimulator, createPrng, type HostSimulator, SystemAccount } from '@kiosk/host-simulator';
import { createKioskLogger, startKioskDaemon } from '@kiosk/kiosk-daemon';
import { io } from 'socket.io-client';
import { type Resident, runJourney, Screen } from './mixed-journeys.robot.js';

const KIOSK_ID = 'JZ-9001';
const KIOSK_KEY = 'soak-kiosk-key-JZ-9001-not-secret';
const HOST_HOURS_PER_JOURNEY = 1;
/** every half month of host time the fund pays each demo resident 3,000 yuan */
const TOP_UP_EVERY = (15 * 24) / HOST_HOURS_PER_JOURNEY;
const TOP_UP_FEN = 300_000;

export interface MixedRunOptions {
  readonly journeys: number;
  readonly seed: number;
  /** called every `progressEvery` journeys */
  readonly progress?: (done: number) => void;
  readonly progressEvery?: number;
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

/** Monthly contributions keep the accounts from running dry over a long run. */
function topUp(host: HostSimulator, at: Date): void {
  const store = host.context.store;
  for (const resident of DEMO_RESIDENTS) {
    const card = store.cards.get(resident.cardNumber);
    if (!card) continue;
    store.ledger.transfer({
      from: SystemAccount.fundContributions,
      to: store.holderOf(card).accountId,
      amountFen: TOP_UP_FEN,
      at: at.toISOString(),
      kind: 'contribution',
      description: '个人账户划入 (monthly contribution)',
    });
  }
}

/** The resident finds the card and has it unfrozen at the counter (the host's own API). */
async function unfreezeAtCounter(hostUrl: string, cardNumber: string, idNumber: string, n: number) {
  const res = await fetch(`${hostUrl}/v1/cards/${cardNumber}/unfreeze`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-kiosk-id': KIOSK_ID,
      authorization: `Bearer ${KIOSK_KEY}`,
      'idempotency-key': `${KIOSK_ID}:counter-unfreeze:${n}`,
    },
    body: JSON.stringify({ idNumber }),
  });
  if (!res.ok) throw new Error(`soak: unfreeze at the counter answered ${res.status} ${await res.text()}`);
}

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
      // loaded for a long run: a field engineer would refill between, the robot cannot
      'devices.cashDispenser.cassettes.0.count=3000',
      'devices.cashDispenser.cassettes.1.count=3000',
      'devices.cashDispenser.retractBinCapacity=1000',
      'devices.receiptPrinter.paper.count=100000',
      'devices.receiptPrinter.paper.capacity=100000',
      'timeouts.cashTakeMs=300',
      'timeouts.cardTakeMs=20000',
    ],
  });
  const daemon = await startKioskDaemon(config, createKioskLogger('error'));
  const socket = io(daemon.url, { path: '/socket.io', transports: ['websocket'], forceNew: true });
  const screen = new Screen(socket);
  const outcomes: Record<string, Record<string, number>> = {};
  let cashTakenFen = 0;
  const t0 = performance.now();
  try {
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const residents: Resident[] = DEMO_RESIDENTS.map((r) => ({
      key: r.key,
      pin: r.cardPin,
      state: r.cardState,
    }));
    for (let i = 0; i < options.journeys; i += 1) {
      hostNow = new Date(hostNow.getTime() + HOST_HOURS_PER_JOURNEY * 3_600_000);
      if (i % TOP_UP_EVERY === 0) topUp(host, hostNow);
      const resident = rng.pick(residents);
      const journey: Journey =
        resident.state === 'made'
          ? 'activatePin'
          : resident.state === 'pinBlocked'
            ? 'resetPin' // ID card and face, a new PIN
            : resident.state === 'expired'
              ? 'balance' // refused: the card has expired
              : rng.chance(0.03)
                ? 'reportLoss'
                : rng.pick<Journey>(['balance', 'balance', 'records', 'withdraw', 'withdraw', 'withdraw']);
      const run = await runJourney(screen, rng, resident, journey);
      if (journey === 'reportLoss' && run.outcome === 'completed') {
        const demo = DEMO_RESIDENTS.find((r) => r.key === resident.key)!;
        await unfreezeAtCounter(hostUrl, demo.cardNumber, demo.idNumber, i);
      }
      cashTakenFen += run.cashTakenFen;
      if (run.outcome.endsWith(':PIN_BLOCKED')) resident.state = 'pinBlocked';
      if (run.outcome.endsWith(':ANOMALY_BLOCKED')) {
        // staff at the back office review the held card and lift the block
        host.anomalies.clearBlock(DEMO_RESIDENTS.find((r) => r.key === resident.key)!.cardNumber);
      }
      const byJourney = (outcomes[run.journey] ??= {});
      byJourney[run.outcome] = (byJourney[run.outcome] ?? 0) + 1;
      if (options.progress && (i + 1) % (options.progressEvery ?? 1000) === 0) options.progress(i + 1);
    }
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
    };
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
