/**
 * Boot recovery's pass over what earlier runs left, counted for its report: the card inside the
 * reader matched to its transaction (`card-inside-at-boot.ts`, the reader waited for while it has
 * not said), each open transaction finished or
 * left open for staff in turn, oldest first (`open-transaction-recovery.ts`), then what they left
 * at the host beside them (`host-leftovers-recovery.ts`). `SessionRecoveryService` runs it with
 * the open transactions it claimed, and decides from the counts what the kiosk does next.
 */
import type { BootHost } from '../host/journaled-host-retries.js';
import { FLEET_COMMAND_JOURNEY } from '../telemetry/fleet/fleet-command-record.js';
import { cardInsideAtBoot } from './card-inside-at-boot.js';
import { settleHostLeftoversAtBoot, type HostLeftoversDeps } from './host-leftovers-recovery.js';
import {
  recoverOpenTransaction,
  type OpenTransaction,
  type OpenTransactionRecoveryDeps,
} from './open-transaction-recovery.js';

/** What became of the open transactions and the host's leftovers at boot. */
export interface OpenAtBootCount {
  readonly cardsCaptured: number;
  /** a card inside the reader that could not be captured: accounted for (card.unaccounted), left there */
  readonly cardsLeftForStaff: number;
  /** withdrawals settled at the host: confirmed or reversed */
  readonly withdrawalsSettled: number;
  /** the transactions and serials left for staff: what happened to their cash or new card is undecided */
  readonly undecided: readonly string[];
  /** those of `undecided` that are card makings (the rest are withdrawals): the self test's cause says which */
  readonly cardMakingsUndecided: readonly string[];
  /**
   * the transaction whose card the reader had not said, within its wait, whether it is inside (its
   * card accounted for, for staff); undefined when it said
   */
  readonly cardPositionUnknown: string | undefined;
}

/** What boot recovery reports once it settled what it could (`SessionRecoveryService.recoverUnfinished`). */
export interface RecoveryReport extends Pick<
  OpenAtBootCount,
  'cardsCaptured' | 'cardsLeftForStaff' | 'withdrawalsSettled'
> {
  /** the transactions earlier runs left open */
  readonly recovered: number;
  /** device counters that differed from the journal's last record at boot */
  readonly counterDifferences: readonly string[];
}

export async function recoverOpenAtBoot(
  deps: OpenTransactionRecoveryDeps,
  hostLeftovers: HostLeftoversDeps,
  open: readonly OpenTransaction[],
): Promise<OpenAtBootCount> {
  let cardsCaptured = 0;
  // the card inside the reader: the newest transaction's to capture, or kept for staff already
  const reader = deps.devices.cardReader;
  // never a fleet command's: it takes no card, even opened after the session whose card is inside
  const sessions = open.filter((tx) => tx.journey !== FLEET_COMMAND_JOURNEY);
  const card = await cardInsideAtBoot(deps.journal, reader, sessions, deps.cardPositionWaitMs, deps.log);
  if (card.kept) deps.tellCardLeft();
  let cardsLeftForStaff = card.kept ? 1 : 0;
  let withdrawalsSettled = 0;
  let cardPositionUnknown: string | undefined;
  const undecided: string[] = [];
  const cardMakingsUndecided: string[] = [];
  // an order of a recovered transaction the host did not answer: the scan below goes to the background
  let feesUnanswered = false;
  // the first host call the host does not answer marks it away for this boot: the later ones are
  // not waited for (one host timeout at boot), each to its background tries or staff as its rules say
  const boot: BootHost = { away: false };
  for (const tx of open) {
    // finished in a known state and closed, or left open for staff (`open-transaction-recovery.ts`)
    const done = await recoverOpenTransaction(deps, tx, card.holder, boot);
    if (done.cardCaptured) cardsCaptured += 1;
    if (done.cardLeftForStaff) cardsLeftForStaff += 1;
    if (done.cardPositionUnknown) cardPositionUnknown = tx.id;
    if (done.withdrawalSettled) withdrawalsSettled += 1;
    if (done.feesUnanswered) feesUnanswered = true;
    if (done.undecided) undecided.push(tx.id);
    if (done.undecided && (tx.journey === 'issueCard' || tx.journey === 'replaceCard'))
      cardMakingsUndecided.push(tx.id);
  }
  // what earlier runs left at the host beside the open transactions: acts resumed, held
  // withdrawals swept, QR fee orders of ended sessions closed (`host-leftovers-recovery.ts`)
  const leftovers = await settleHostLeftoversAtBoot(hostLeftovers, open, boot, feesUnanswered);
  withdrawalsSettled += leftovers.withdrawalsSettled;
  undecided.push(...leftovers.undecided);
  return {
    cardsCaptured,
    cardsLeftForStaff,
    withdrawalsSettled,
    undecided,
    cardMakingsUndecided,
    cardPositionUnknown,
  };
}
