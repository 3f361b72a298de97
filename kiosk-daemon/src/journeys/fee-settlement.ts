/**
 * Closing a QR fee order the kiosk stopped waiting for (ADR 0008, "The fee"): the resident timed
 * out, cancelled, took the card or ID card away, the session ended, or the daemon restarted. The
 * order is closed at the host first, journaled (`fee.close` intent → done/failed); an order paid
 * before the close landed is answered `paid`, and the host refunds it (`fee.refund`), because the
 * kiosk had already told the resident it was not paid and makes no card for it. The end of each
 * order is one `fee.settled` event (closed, expired, refunded, kept, or `accepted` when card making
 * took it), so every order a transaction opened is settled exactly once, at run time or by
 * recovery at boot.
 */
import { ErrorCode, KioskError, OneAtATime } from '@kiosk/domain';
import type { QrPaymentView } from '@kiosk/host-simulator/contract';
import { z } from 'zod';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { JournalStep } from '../journal/journal-step.entity.js';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import { outlivingItsJourney } from '../journal/late-writes.js';
import { detailField, detailText, stepDetail } from '../journal/step-detail.js';
import { byKey } from './asked-again-by-key.js';
import { journaledAct } from './journey-tools.js';

/** One QR order a transaction opened: its attempt (1, 2… in the transaction) and what is known of it. */
export interface FeeOrderRef {
  readonly attempt: number;
  readonly applicationNo: string;
  /** unknown when the kiosk died (or the host timed out) before the order's answer was journaled */
  readonly paymentId?: string;
}

/** how an order ended; `handedBack`: the host gave it back for a later attempt, which settles it */
export type FeeSettledOutcome =
  'closed' | 'expired' | 'refunded' | 'kept' | 'accepted' | 'handedBack' | 'none';

export interface FeeSettlementOptions {
  /** tries of each host call (close, refund), by the same idempotency key (default 4) */
  readonly tries?: number;
  /** the wait before the second try, doubled after each (default 500 ms) */
  readonly retryMs?: number;
  /** how long the order is payable: asked again of the host when the order must be found by key */
  readonly validForMs?: number;
  /**
   * A background try of an order tried before (the host did not answer): only what the journal
   * lacks of this order's `fee.close` and `fee.refund` is journaled (the intent, the first failure
   * of each code, the done), so an outage of hours leaves a few rows, not one pair per try.
   */
  readonly again?: boolean;
}

/**
 * Settles one order: finds it by its key when its id was never journaled, closes it, refunds it
 * when it was paid before the close, and journals `fee.settled`. A host that does not answer after
 * the tries leaves `fee.close` (or `fee.refund`) failed and no `fee.settled`: the background tries
 * settle it once the host answers (`fee-close-background.ts`), or recovery at the next boot; the
 * error is thrown for the caller to log. Those tries pass `again`: a try the host does not answer
 * journals nothing the journal holds already.
 */
export function settleQrOrder(
  journal: JournalService,
  issuance: IssuanceHostService,
  transactionId: string,
  order: FeeOrderRef,
  options: FeeSettlementOptions = {},
): Promise<FeeSettledOutcome> {
  // off the session's path by design: what it journals once its transaction closed is expected
  return outlivingItsJourney('the close of a QR fee order the kiosk stopped waiting for', () =>
    oneHandAtATime(journal, `${transactionId}:${order.attempt}`, () =>
      closeAndSettle(journal, issuance, transactionId, order, options),
    ),
  );
}

/**
 * The orders being settled right now, per journal, by `<transaction>:<attempt>`. Two hands may
 * settle one order at once (its close tried in the background while boot recovery, re-run after a
 * maintenance exit, scans for open orders): the later waits for the earlier, then finds the order
 * settled in the journal (`closeAndSettle`) and sends and journals nothing. One `fee.settled`.
 */
const settling = new WeakMap<JournalService, OneAtATime<string>>();

function oneHandAtATime<T>(journal: JournalService, order: string, settle: () => Promise<T>): Promise<T> {
  let orders = settling.get(journal);
  if (!orders) settling.set(journal, (orders = new OneAtATime()));
  return orders.run(order, settle);
}

/** The outcome of the order's `fee.settled` in these steps, if it has one. */
function settledAs(steps: readonly JournalStep[], attempt: number): FeeSettledOutcome | undefined {
  const row = steps.find((s) => s.step === 'fee.settled' && attemptOf(s) === attempt);
  return row ? ((detailText(row, 'outcome') ?? 'none') as FeeSettledOutcome) : undefined;
}

async function closeAndSettle(
  journal: JournalService,
  issuance: IssuanceHostService,
  transactionId: string,
  order: FeeOrderRef,
  options: FeeSettlementOptions,
): Promise<FeeSettledOutcome> {
  const detail = { attempt: order.attempt, ...(order.paymentId ? { paymentId: order.paymentId } : {}) };
  const steps = await journal.stepsOf(transactionId);
  // settled by another hand meanwhile (`oneHandAtATime`): nothing sent, nothing journaled
  const before = settledAs(steps, order.attempt);
  if (before) return before;
  /** the later attempt the host handed this order back to: it settles the order, this one nothing */
  let handedBack = order.paymentId ? handedBackTo(steps, order.attempt, order.paymentId) : undefined;
  const settleHandedBack = async (paymentId: string, to: number): Promise<FeeSettledOutcome> => {
    const settledTo = { attempt: order.attempt, paymentId, outcome: 'handedBack', to };
    await journal.recordStep(transactionId, 'fee.settled', 'event', settledTo);
    return 'handedBack';
  };
  if (order.paymentId && handedBack !== undefined) return settleHandedBack(order.paymentId, handedBack);
  const seen = options.again ? steps : undefined;
  const act = <T>(name: string, call: () => Promise<T>, what: StepDetail) =>
    seen
      ? actOnce(journal, transactionId, stepSeen(seen, name, order.attempt), name, call, what)
      : journaledAct(journal, transactionId, name, call, what);
  const closed = await act(
    'fee.close',
    async (): Promise<QrPaymentView | undefined> => {
      let paymentId = order.paymentId;
      if (!paymentId) {
        // the same attempt's key gives the same order back (or makes one, closed right away)
        try {
          const found = await byKey(
            () =>
              issuance.startQrPayment(order.applicationNo, transactionId, undefined, {
                attempt: order.attempt,
                ...(options.validForMs ? { validForMs: options.validForMs } : {}),
              }),
            options,
          );
          paymentId = found.paymentId;
          handedBack = handedBackTo(steps, order.attempt, paymentId);
          if (handedBack !== undefined) return found;
        } catch (e) {
          // the application no longer awaits a fee: no order of this attempt can be open
          if (KioskError.from(e).code === ErrorCode.APPLICATION_STATE_CONFLICT) return undefined;
          throw e;
        }
      }
      const id = paymentId;
      return byKey(() => issuance.closeQrPayment(id, transactionId), options);
    },
    detail,
  );
  if (!closed) {
    await journal.recordStep(transactionId, 'fee.settled', 'event', { ...detail, outcome: 'none' });
    return 'none';
  }
  if (handedBack !== undefined) return settleHandedBack(closed.paymentId, handedBack);
  const settled = { attempt: order.attempt, paymentId: closed.paymentId };
  let outcome: FeeSettledOutcome =
    closed.status === 'pending' || closed.status === 'closed'
      ? 'closed'
      : (closed.status as FeeSettledOutcome);
  if (closed.status === 'paid') {
    try {
      await act(
        'fee.refund',
        () => byKey(() => issuance.refundQrPayment(closed.paymentId, transactionId), options),
        { ...settled, amountFen: closed.amountFen },
      );
      outcome = 'refunded';
    } catch (e) {
      // a card was issued on the application meanwhile (another kiosk, a counter): its fee stays
      if (KioskError.from(e).code !== ErrorCode.APPLICATION_STATE_CONFLICT) throw e;
      outcome = 'kept';
    }
  }
  await journal.recordStep(transactionId, 'fee.settled', 'event', { ...settled, outcome });
  return outcome;
}

const Attempt = z.number().int().positive();

/**
 * The later attempt whose `fee.order` names `paymentId`: the host hands a still-payable order of
 * the application back for a new one (ADR 0015), here one this attempt stopped waiting for and could
 * not close. That attempt shows it, takes its payment or closes it: settling it here as well would
 * close the code on screen, or refund a fee card making took.
 */
function handedBackTo(steps: readonly JournalStep[], attempt: number, paymentId: string): number | undefined {
  for (const s of steps) {
    if (s.step !== 'fee.order') continue;
    const other = attemptOf(s);
    if (other !== undefined && other > attempt && detailText(s, 'paymentId') === paymentId) return other;
  }
  return undefined;
}

/**
 * The order a `fee.*` row is of: its attempt, 1 when it names none (the first order's rows did
 * not), undefined when its detail does not read or the attempt is not one (unknown).
 */
function attemptOf(step: JournalStep): number | undefined {
  const attempt = detailField(step, 'attempt', Attempt);
  if (attempt.read === 'unknown') return undefined;
  return attempt.read === 'value' ? attempt.value : 1;
}

/** What the journal holds of one step (`fee.close`, `fee.refund`) of one order. */
interface StepSeen {
  readonly attempt: number;
  intent: boolean;
  readonly failed: Set<string>;
  done: boolean;
}

/**
 * Reads `name`'s rows of order `attempt`: a failed or done names its attempt when journaled by
 * `actOnce`, else it is of the intent before it.
 */
function stepSeen(steps: readonly JournalStep[], name: string, attempt: number): StepSeen {
  const seen: StepSeen = { attempt, intent: false, failed: new Set(), done: false };
  let last: number | undefined;
  for (const s of steps) {
    if (s.step !== name) continue;
    const d = stepDetail(s);
    const field = detailField(s, 'attempt', Attempt);
    // a row whose attempt does not read is no order's: what it would say is journaled again
    if (field.read === 'unknown') {
      if (s.phase === 'intent') last = undefined;
      continue;
    }
    const named = field.read === 'value' ? field.value : undefined;
    if (s.phase === 'intent') last = named ?? 1;
    if ((named ?? last) !== attempt) continue;
    if (s.phase === 'intent') seen.intent = true;
    else if (s.phase === 'failed') seen.failed.add(String(d['code']));
    else if (s.phase === 'done') seen.done = true;
  }
  return seen;
}

/** `journaledAct` for a background try: journals only what `seen` lacks; rethrows. */
async function actOnce<T>(
  journal: JournalService,
  transactionId: string,
  seen: StepSeen,
  name: string,
  act: () => Promise<T>,
  detail: StepDetail,
): Promise<T> {
  if (!seen.intent) await journal.recordStep(transactionId, name, 'intent', detail);
  let result: T;
  try {
    result = await act();
  } catch (e) {
    const code = KioskError.from(e).code;
    if (!seen.failed.has(code))
      await journal.recordStep(transactionId, name, 'failed', { attempt: seen.attempt, code });
    throw e;
  }
  if (!seen.done) await journal.recordStep(transactionId, name, 'done', { attempt: seen.attempt });
  return result;
}

/**
 * The QR orders of a transaction not yet settled, from its journal: every `fee.qr` intent (one per
 * order) without a `fee.settled` of the same attempt. Each comes with its payment id when
 * `fee.order` journaled it (a `fee.order` that does not read: the order is found by its key).
 *
 * A row that does not read (a torn write, a hand-edited journal, another daemon's shape) settles
 * nothing it cannot name: a `fee.qr` whose attempt or application is unknown is left, as one without
 * an application always was; a `fee.settled` whose attempt is unknown ended one of the orders without
 * a readable `fee.settled`, which one cannot be told, so none of those is settled again (a fee card
 * making accepted is never refunded by a guess). They stay in the journal as they are.
 */
export function unsettledQrOrders(steps: readonly JournalStep[]): FeeOrderRef[] {
  const settled = new Set(steps.filter((s) => s.step === 'fee.settled').map(attemptOf));
  if (settled.has(undefined)) return [];
  const ids = new Map<number, string>();
  for (const s of steps.filter((x) => x.step === 'fee.order')) {
    const attempt = attemptOf(s);
    const paymentId = detailText(s, 'paymentId');
    if (attempt !== undefined && paymentId !== undefined) ids.set(attempt, paymentId);
  }
  const out: FeeOrderRef[] = [];
  for (const s of steps.filter((x) => x.step === 'fee.qr' && x.phase === 'intent')) {
    const attempt = attemptOf(s);
    const applicationNo = detailText(s, 'applicationNo');
    if (attempt === undefined || settled.has(attempt) || applicationNo === undefined) continue;
    const paymentId = ids.get(attempt);
    out.push({ attempt, applicationNo, ...(paymentId ? { paymentId } : {}) });
  }
  return out;
}
