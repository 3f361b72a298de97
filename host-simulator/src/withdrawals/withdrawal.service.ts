/**
 * Withdrawals from the medical-insurance personal account. Authorise holds the amount (personal
 * account → withdrawal holds) after the server-side caps: single, daily total, count per day
 * (business day), balance, anomaly block. Confirm pays out what is still held (holds → the
 * kiosk's cash account); reverse returns all or part of it (holds → personal account).
 */
import { ErrorCode } from '@kiosk/domain';
import { findCard, requireHolder, requireUsableCard } from '../cards/card-rules.js';
import type { HostContext } from '../host-context.js';
import { HostError } from '../http/host-error.js';
import { kioskCashAccountId, SystemAccount } from '../ledger/ledger.js';
import { businessDay } from '../rules/host-rules.js';
import type { Withdrawal } from '../store/host-records.js';
import type {
  WithdrawalLimits,
  WithdrawalRequest,
  WithdrawalReversal,
  WithdrawalView,
} from './withdrawals.schemas.js';

const refuse = (status: number, code: ErrorCode, message: string): HostError =>
  new HostError(status, code, message);

export function withdrawalView(ctx: HostContext, w: Withdrawal): WithdrawalView {
  const accountId = ctx.store.residents.get(w.residentNo)?.accountId ?? '';
  return {
    authorisationId: w.authorisationId,
    cardNumber: w.cardNumber,
    transactionSerial: w.transactionSerial,
    status: w.heldFen > 0 ? 'authorised' : w.paidFen > 0 ? 'confirmed' : 'reversed',
    amountFen: w.amountFen,
    heldFen: w.heldFen,
    paidFen: w.paidFen,
    reversedFen: w.reversedFen,
    balanceAfterFen: ctx.store.ledger.balanceOf(accountId),
    authorisedAt: w.authorisedAt,
    settledAt: w.settledAt,
  };
}

function usedToday(ctx: HostContext, residentNo: string, day: string): { totalFen: number; count: number } {
  let totalFen = 0;
  let count = 0;
  for (const w of ctx.store.withdrawalsOf(residentNo)) {
    if (w.businessDay !== day) continue;
    const taken = w.heldFen + w.paidFen;
    if (taken > 0) {
      totalFen += taken;
      count += 1;
    }
  }
  return { totalFen, count };
}

export function withdrawalLimits(ctx: HostContext, cardNumber: string, idNumber: string): WithdrawalLimits {
  const card = findCard(ctx, cardNumber);
  const holder = requireHolder(ctx, card, idNumber);
  requireUsableCard(ctx, card);
  const { rules } = ctx;
  const used = usedToday(ctx, holder.residentNo, businessDay(rules, ctx.now()));
  const balanceFen = ctx.store.ledger.balanceOf(holder.accountId);
  const blocked = card.withdrawalBlock !== null;
  const room =
    blocked || used.count >= rules.dailyWithdrawalCount
      ? 0
      : Math.min(balanceFen, rules.singleWithdrawalCapFen, rules.dailyWithdrawalCapFen - used.totalFen);
  return {
    cardNumber,
    balanceFen,
    singleCapFen: rules.singleWithdrawalCapFen,
    dailyCapFen: rules.dailyWithdrawalCapFen,
    dailyCount: rules.dailyWithdrawalCount,
    usedTodayFen: used.totalFen,
    countToday: used.count,
    availableFen: Math.max(0, room - (room % rules.withdrawalUnitFen)),
    withdrawalsBlocked: blocked,
  };
}

export function authoriseWithdrawal(
  ctx: HostContext,
  kioskId: string,
  input: WithdrawalRequest,
): WithdrawalView {
  const existing = ctx.store.withdrawalBySerial(kioskId, input.transactionSerial);
  if (existing) {
    if (existing.cardNumber !== input.cardNumber || existing.amountFen !== input.amountFen) {
      throw refuse(
        422,
        ErrorCode.HOST_IDEMPOTENCY_KEY_REUSED,
        'This transaction serial was used for another withdrawal.',
      );
    }
    return withdrawalView(ctx, existing);
  }
  if (ctx.store.isSerialReleased(kioskId, input.transactionSerial)) {
    // the kiosk gave this serial up before its authorisation arrived (withdrawal-release.ts)
    throw refuse(
      409,
      ErrorCode.WITHDRAWAL_ALREADY_SETTLED,
      'The kiosk released this withdrawal before it was authorised; nothing is held.',
    );
  }
  const { rules } = ctx;
  const now = ctx.now();
  const card = findCard(ctx, input.cardNumber);
  const holder = requireHolder(ctx, card, input.idNumber);
  requireUsableCard(ctx, card);
  ctx.anomalies.noteCardUse(card.cardNumber, kioskId, now);
  if (card.withdrawalBlock !== null) {
    throw refuse(
      403,
      ErrorCode.ANOMALY_BLOCKED,
      'Withdrawals from this card are held for review; go to a counter.',
    );
  }
  if (input.amountFen % rules.withdrawalUnitFen !== 0) {
    throw refuse(422, ErrorCode.WITHDRAWAL_AMOUNT_INVALID, 'The amount must be whole yuan.');
  }
  if (input.amountFen > rules.singleWithdrawalCapFen) {
    throw refuse(
      422,
      ErrorCode.WITHDRAWAL_SINGLE_CAP_EXCEEDED,
      'The amount is above the single withdrawal cap.',
    );
  }
  const day = businessDay(rules, now);
  const used = usedToday(ctx, holder.residentNo, day);
  if (used.count >= rules.dailyWithdrawalCount) {
    throw refuse(
      422,
      ErrorCode.WITHDRAWAL_DAILY_COUNT_EXCEEDED,
      'No more withdrawals today; come back tomorrow.',
    );
  }
  if (used.totalFen + input.amountFen > rules.dailyWithdrawalCapFen) {
    throw refuse(
      422,
      ErrorCode.WITHDRAWAL_DAILY_CAP_EXCEEDED,
      'The amount would pass today’s withdrawal cap.',
    );
  }
  if (ctx.store.ledger.balanceOf(holder.accountId) < input.amountFen) {
    throw refuse(
      422,
      ErrorCode.INSUFFICIENT_BALANCE,
      'The personal account balance is too low for this amount.',
    );
  }
  const authorisationId = `W${String(ctx.store.nextNumber('withdrawal')).padStart(8, '0')}`;
  ctx.store.ledger.transfer({
    from: holder.accountId,
    to: SystemAccount.withdrawalHolds,
    amountFen: input.amountFen,
    at: now.toISOString(),
    kind: 'withdrawal',
    description: `自助机取现 ${kioskId} (kiosk cash withdrawal)`,
  });
  const withdrawal: Withdrawal = {
    authorisationId,
    kioskId,
    transactionSerial: input.transactionSerial,
    cardNumber: card.cardNumber,
    residentNo: holder.residentNo,
    amountFen: input.amountFen,
    heldFen: input.amountFen,
    paidFen: 0,
    reversedFen: 0,
    businessDay: day,
    authorisedAt: now.toISOString(),
    settledAt: null,
  };
  ctx.store.addWithdrawal(withdrawal);
  ctx.anomalies.noteDailyTotal(card.cardNumber, kioskId, day, used.totalFen + input.amountFen, now);
  return withdrawalView(ctx, withdrawal);
}

function findWithdrawal(ctx: HostContext, kioskId: string, authorisationId: string): Withdrawal {
  const w = ctx.store.withdrawals.get(authorisationId);
  if (!w || w.kioskId !== kioskId) {
    throw refuse(404, ErrorCode.WITHDRAWAL_NOT_FOUND, 'No such withdrawal authorised by this kiosk.');
  }
  return w;
}

const alreadySettled = (): HostError =>
  refuse(409, ErrorCode.WITHDRAWAL_ALREADY_SETTLED, 'Nothing is held any more for this withdrawal.');

export function getWithdrawal(ctx: HostContext, kioskId: string, authorisationId: string): WithdrawalView {
  return withdrawalView(ctx, findWithdrawal(ctx, kioskId, authorisationId));
}

/** This kiosk's withdrawals, newest first: at boot the daemon finishes or reverses what is still held. */
export function listWithdrawals(
  ctx: HostContext,
  kioskId: string,
  query: { status?: WithdrawalView['status']; transactionSerial?: string; limit: number },
): WithdrawalView[] {
  if (query.transactionSerial !== undefined) {
    const w = ctx.store.withdrawalBySerial(kioskId, query.transactionSerial);
    const view = w ? withdrawalView(ctx, w) : undefined;
    return view && (query.status === undefined || view.status === query.status) ? [view] : [];
  }
  const found: WithdrawalView[] = [];
  const all = [...ctx.store.withdrawals.values()];
  for (let i = all.length - 1; i >= 0 && found.length < query.limit; i -= 1) {
    const w = all[i]!;
    if (w.kioskId !== kioskId) continue;
    const view = withdrawalView(ctx, w);
    if (query.status === undefined || view.status === query.status) found.push(view);
  }
  return found;
}

/** The resident took the cash: everything still held is paid out. */
export function confirmWithdrawal(
  ctx: HostContext,
  kioskId: string,
  authorisationId: string,
): WithdrawalView {
  const w = findWithdrawal(ctx, kioskId, authorisationId);
  if (w.heldFen === 0) throw alreadySettled();
  const at = ctx.now().toISOString();
  ctx.store.ledger.transfer({
    from: SystemAccount.withdrawalHolds,
    to: kioskCashAccountId(kioskId),
    amountFen: w.heldFen,
    at,
    kind: 'withdrawalPaid',
    description: `取现付讫 ${w.authorisationId} (cash paid out)`,
  });
  w.paidFen += w.heldFen;
  w.heldFen = 0;
  w.settledAt = at;
  return withdrawalView(ctx, w);
}

/** Cash not paid out (fault, retraction, cancel): all or part of what is held goes back. */
export function reverseWithdrawal(
  ctx: HostContext,
  kioskId: string,
  authorisationId: string,
  input: WithdrawalReversal,
): WithdrawalView {
  const w = findWithdrawal(ctx, kioskId, authorisationId);
  if (w.heldFen === 0) throw alreadySettled();
  const amountFen = input.amountFen ?? w.heldFen;
  if (amountFen > w.heldFen) {
    throw refuse(422, ErrorCode.WITHDRAWAL_AMOUNT_INVALID, 'More than is held cannot be reversed.');
  }
  const now = ctx.now();
  const accountId = ctx.store.residents.get(w.residentNo)?.accountId ?? '';
  ctx.store.ledger.transfer({
    from: SystemAccount.withdrawalHolds,
    to: accountId,
    amountFen,
    at: now.toISOString(),
    kind: 'withdrawalReversal',
    description: `取现冲正 ${w.authorisationId} (${input.reason})`,
  });
  w.heldFen -= amountFen;
  w.reversedFen += amountFen;
  if (w.heldFen === 0) w.settledAt = now.toISOString();
  if (input.reason === 'retracted') ctx.anomalies.noteRetraction(w.cardNumber, kioskId, now);
  return withdrawalView(ctx, w);
}
