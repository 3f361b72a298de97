/**
 * Recovery at boot of the QR fee orders left open in closed transactions (a session closed its
 * transaction while the order was still being closed, then the kiosk stopped; ADR 0008, "The
 * fee"). Such an order may be a refund owed to a resident, so a host away at boot does not leave
 * it to the next boot, which may be days away: the scan is handed to the background tries of
 * journaled host acts (`retryLater`, the same pauses, unjournaled as the sweep of held
 * withdrawals is) and runs once the host answers, once. It settles only the transactions listed at boot: a live
 * session's transaction (open, or closed while its own close is still under way) is its own, and so
 * is an order whose close the session handed to the background tries (`owns`; recovery re-runs after
 * every maintenance exit, while those tries may still run). A hand settling an order another is
 * settling waits for it and journals nothing (`settleQrOrder`): one `fee.settled` per order.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { FeeOrderScan } from '../journal/fee-order-scan.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { feeCloseKey } from './fee-close-background.js';
import { settleQrOrder, unsettledQrOrders } from './fee-settlement.js';
import {
  hostDidNotAnswer,
  type BootHost,
  type JournaledHostRetries,
} from '../host/journaled-host-retries.js';

/** The background tries' key of the scan of QR fee orders (no transaction of its own). */
export const FEE_SCAN_KEY = 'recovery.qrFeeOrders';

/** each host call of a close or refund at boot: two tries by the same key */
const TRIES = { tries: 2 } as const;

export interface FeeOrderBootDeps {
  readonly journal: JournalService;
  readonly issuance: IssuanceHostService;
  readonly scan: Pick<FeeOrderScan, 'transactionsWithOpenOrders'>;
  readonly log: { warn(message: string): void; error(message: string): void };
}

export interface FeeOrdersSettled {
  readonly settled: number;
  /** true when the host did not answer one of them (left open, journaled failed) */
  readonly unanswered: boolean;
}

/** Settles every open QR fee order of one transaction; none of its failures is thrown. */
export async function settleFeeOrdersOf(
  deps: Omit<FeeOrderBootDeps, 'scan'>,
  transactionId: string,
  /** a background try (`settleQrOrder`'s `again`) */
  again = false,
  /** true for an order whose close the background tries own (a live session handed it over): left to them */
  closedElsewhere: (attempt: number) => boolean = () => false,
  /**
   * the transaction's steps as boot recovery read them; absent: read. Each order's settlement reads
   * them again on purpose, under its one hand (`settleQrOrder`): another hand may have settled it.
   */
  read?: Awaited<ReturnType<JournalService['stepsOf']>>,
): Promise<FeeOrdersSettled> {
  let settled = 0;
  let unanswered = false;
  for (const order of unsettledQrOrders(read ?? (await deps.journal.stepsOf(transactionId)))) {
    if (closedElsewhere(order.attempt)) {
      deps.log.warn(
        `recovery: ${transactionId} QR fee order ${order.attempt} is closed by its background tries`,
      );
      continue;
    }
    try {
      const outcome = await settleQrOrder(deps.journal, deps.issuance, transactionId, order, {
        ...TRIES,
        again,
      });
      deps.log.warn(`recovery: ${transactionId} QR fee order ${order.attempt} settled: ${outcome}`);
      settled += 1;
    } catch (e) {
      const error = KioskError.from(e);
      if (hostDidNotAnswer(error)) unanswered = true;
      // a background try the host did not answer: the tries say it (`retryLater`), not each order
      if (!again || !hostDidNotAnswer(error))
        deps.log.warn(`recovery: ${transactionId} QR fee order ${order.attempt} not settled: ${error.code}`);
    }
  }
  return { settled, unanswered };
}

/**
 * The boot's scan, after the open transactions were recovered (`openAtBoot`, settled there). A
 * host away earlier at this boot (`boot.away`) is not asked: the scan goes to the background at
 * once; one that does not answer an order marks `boot.away` and hands the rest to the background,
 * and so does `unanswered` (an order of a recovered transaction the host did not answer). Without
 * `later` what the host does not answer waits for the next boot's scan, as before.
 */
export async function settleFeeOrdersAtBoot(
  deps: FeeOrderBootDeps,
  openAtBoot: ReadonlySet<string>,
  boot: BootHost,
  later?: Pick<JournaledHostRetries, 'retryLater'> & Partial<Pick<JournaledHostRetries, 'owns'>>,
  unanswered = false,
): Promise<void> {
  // boot recovery re-runs after every maintenance exit: an order whose close a session handed to
  // the background tries is still theirs (`owns`), settled there once, not a second time here
  const owned = (transactionId: string) => (attempt: number) =>
    !!later?.owns?.(feeCloseKey(transactionId, attempt));
  let left = !!later && (unanswered || boot.away);
  if (!left && !boot.away) {
    for (const transactionId of await deps.scan.transactionsWithOpenOrders()) {
      if (openAtBoot.has(transactionId)) continue;
      if ((await settleFeeOrdersOf(deps, transactionId, false, owned(transactionId))).unanswered) {
        boot.away = true;
        left = true;
        break;
      }
    }
  }
  if (!left || !later) return;
  // listed now, before the kiosk goes in service: no live session's transaction among them
  const open = new Set((await deps.journal.openTransactions()).map((t) => t.id));
  const listed = (await deps.scan.transactionsWithOpenOrders()).filter((id) => !open.has(id));
  if (listed.length === 0) return;
  deps.log.warn(`recovery: QR fee orders of ${listed.length} transaction(s) settled once the host answers`);
  await later.retryLater(
    FEE_SCAN_KEY,
    new KioskError(ErrorCode.HOST_UNREACHABLE, 'The back office did not answer at this boot.'),
    {
      step: FEE_SCAN_KEY,
      unjournaled: true,
      send: async () => {
        const openNow = new Set((await deps.journal.openTransactions()).map((t) => t.id));
        const stillOpen = new Set(await deps.scan.transactionsWithOpenOrders());
        let settled = 0;
        for (const transactionId of listed) {
          if (openNow.has(transactionId) || !stillOpen.has(transactionId)) continue;
          // a background try journals only what the journal lacks (`again`): no rows per unanswered try
          const result = await settleFeeOrdersOf(deps, transactionId, true, owned(transactionId));
          settled += result.settled;
          // tried again from here later: what this try settled is journaled settled and not sent again
          if (result.unanswered)
            throw new KioskError(
              ErrorCode.HOST_UNREACHABLE,
              'The back office did not answer a QR fee order.',
              {
                transactionId,
              },
            );
        }
        return { settled };
      },
    },
  );
}
