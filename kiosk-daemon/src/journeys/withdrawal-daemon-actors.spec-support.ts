/**
 * What the specs of the withdrawal's daemon actors share: the dispenser emulator with a gate the
 * spec opens, one session's withdrawal transaction in the real journal (SQLite in memory,
 * destroyed after each test) with the journey's deps around the spec's dispenser, and the journey
 * as the daemon provides it on a simulated clock, the host's acts answering at once.
 */
import { afterEach } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import {
  CashDispenserEmulator,
  type CashDispenserPort,
  type ReceiptPrinterPort,
  type SocialSecurityCardData,
} from '@kiosk/device-drivers';
import {
  DEFAULT_CASH_TAKE_MS,
  DEFAULT_DISPENSER_BOUNDS,
  DEFAULT_STEP_MS,
  DEFAULT_WARN_MS,
} from '@kiosk/domain';
import type { DispenserBounds } from '@kiosk/state-machines';
import { SimulatedClock, createActor, fromPromise, waitFor, type Actor } from 'xstate';
import type { HostService } from '../host/host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { SessionScope, SessionScopes } from './session-scope.js';
import { provideWithdrawalJourney, type WithdrawalJourneyDeps } from './withdrawal-journey.js';

export const AMOUNT = 30_000;
/** the journey's step timeout and the resident's time to take the notes (the rules' waits) */
export const STEP_MS = DEFAULT_STEP_MS;
export const CASH_TAKE_MS = DEFAULT_CASH_TAKE_MS;
/** the dispenser's bounds as configured (the LCDM driver's defaults) */
export const BOUNDS: DispenserBounds = DEFAULT_DISPENSER_BOUNDS;

let db: DataSource | undefined;

afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

/**
 * The dispenser emulator, open, and a gate for the act the spec holds: the act calls `ask()` when
 * it reaches the dispenser (`asked` resolves) and waits for `gate`, which opens when the spec calls
 * `answer()`.
 */
export async function gatedEmulator() {
  const emulator = new CashDispenserEmulator();
  await emulator.open();
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let ask: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => (ask = resolve));
  return { emulator, gate, answer: () => open(), ask: () => ask(), asked };
}

/**
 * One session (`sessionId`) with its withdrawal's transaction `tx` in the real journal, its
 * scopes, and the withdrawal journey's deps: the spec's `dispenser`, the rest unused.
 */
export async function withdrawalSession(sessionId: string, dispenser: CashDispenserPort) {
  const opened = await openMemoryJournal();
  db = opened.db;
  const journal = opened.journal;
  const tx = await journal.openTransaction(sessionId, 'withdraw');
  const session = { transactionId: tx, locale: () => 'en' as const, send: () => undefined };
  const scopes = new SessionScopes();
  const deps = {
    host: {} as HostService,
    dispenser,
    printer: {} as ReceiptPrinterPort,
    config: { host: { timeoutMs: 5_000 } } as KioskConfig,
    holdRelease: {} as WithdrawalJourneyDeps['holdRelease'],
    // no PIN outcome of the card owed to the host: its limits and authorisation are asked at once
    retries: { drained: () => Promise.resolve(true) } as unknown as WithdrawalJourneyDeps['retries'],
  };
  return { journal, tx, session, scopes, deps };
}

export interface WithdrawalInSession {
  readonly actor: Actor<ReturnType<typeof provideWithdrawalJourney>>;
  /** the session's scope: the card read, when the spec gave one */
  readonly scope: SessionScope;
  readonly clock: SimulatedClock;
  /** the reversals the journey asked the host for */
  readonly reversals: unknown[];
  /** the transaction's journaled steps, `step:phase` */
  steps(): Promise<string[]>;
  /** one step's detail, parsed (null when there is none) */
  detail(step: string, phase: string): Promise<unknown>;
  /** the real journal and the withdrawal's transaction (its serial) */
  readonly journal: Awaited<ReturnType<typeof withdrawalSession>>['journal'];
  readonly tx: string;
}

/**
 * The withdrawal journey of session `s-1` as the daemon provides it (its dispense, present and
 * retract actors on the spec's `dispenser`), on a simulated clock, not started; the host's acts
 * answer at once (hold `auth-1`), its reversals kept. The transaction's steps and a step's detail.
 * `more`: deps of the spec's own (the host's confirm, the card reader, the config), the card
 * the session read (in its scope; the journey's card number is its), and whether a receipt can be
 * printed (`receiptAvailable`, false unless said: no receipt asked of the printer).
 */
export async function withdrawalInSession(
  dispenser: CashDispenserPort,
  more: {
    readonly deps?: Partial<WithdrawalJourneyDeps>;
    readonly card?: SocialSecurityCardData;
    readonly receiptAvailable?: boolean;
  } = {},
): Promise<WithdrawalInSession> {
  const { journal, tx, session, scopes, deps } = await withdrawalSession('s-1', dispenser);
  const reversals: unknown[] = [];
  const machine = provideWithdrawalJourney({ ...deps, ...more.deps }, scopes.of).provide({
    actors: {
      fetchWithdrawalQuota: fromPromise(async () => ({
        balanceFen: 356_780,
        withdrawnTodayFen: 0,
        withdrawalsToday: 0,
      })),
      authoriseWithdrawal: fromPromise(async () => ({ transactionId: 'auth-1' })),
      reverseWithdrawal: fromPromise(async ({ input }) => {
        reversals.push(input);
      }),
    },
  });
  const clock = new SimulatedClock();
  const actor = createActor(machine, {
    clock,
    input: {
      sessionId: 's-1',
      timeouts: { stepMs: STEP_MS, warnMs: DEFAULT_WARN_MS },
      now: () => clock.now(),
      cardNumber: more.card?.cardNumber ?? 'H41080000101',
      idNumber: more.card?.idNumber ?? '410802198003151310',
      rules: { singleMaxFen: 50_000, dailyMaxFen: 100_000, dailyCountMax: 2, noteFen: 10_000 },
      receiptAvailable: more.receiptAvailable ?? false,
      cashTakeMs: CASH_TAKE_MS,
      cashUnits: () => [{ denominationFen: 10_000, count: 200 }],
      dispenserBounds: BOUNDS,
    },
  });
  const scope = new SessionScope(journal, session);
  scope.card = more.card;
  scopes.bind(actor.system, scope);
  const steps = async () => (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
  const detail = async (step: string, phase: string): Promise<unknown> =>
    JSON.parse(
      (await journal.stepsOf(tx)).find((s) => s.step === step && s.phase === phase)?.detail ?? 'null',
    );
  return { actor, clock, scope, reversals, steps, detail, journal, tx };
}

/** `w`'s journey started and `AMOUNT` chosen: answers once the notes wait at the slot for the take. */
export async function notesAtSlot(w: WithdrawalInSession): Promise<void> {
  w.actor.start();
  await waitFor(w.actor, (s) => s.matches('chooseAmount'));
  w.actor.send({ type: 'AMOUNT_CHOSEN', amountFen: AMOUNT });
  await waitFor(w.actor, (s) => s.matches('takeCash'));
}
