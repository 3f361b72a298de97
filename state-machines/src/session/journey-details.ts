/**
 * What a journey screen shows beyond `SessionView`'s common fields: the records list, the
 * withdrawal limits, the face tries left, the day a loss report lapses. Built field by field from
 * the running journey machine, like `toSessionView`, and as safe: no ID number, no card number,
 * no name, no PIN. The daemon sends it with the view (`SessionView` has no field for it yet).
 */
import type { JourneyDetails as DomainJourneyDetails, Locale, WithdrawalNotPaid } from '@kiosk/domain';
import type { NewPinContext } from '../journeys/new-pin/new-pin.machine.js';
import type { IdentifyContext } from '../journeys/identify/identify.machine.js';
import type { RecordsContext } from '../journeys/records/records.machine.js';
import { recordsUntilPrintRequired } from '../journeys/records/records-rule.js';
import type { ReportLossContext } from '../journeys/report-loss/report-loss.machine.js';
import type { IssueCardContext } from '../journeys/issue-card/issue-card.types.js';
import type { WithdrawalContext } from '../journeys/withdrawal/withdrawal.types.js';
import { offeredAmounts } from '../journeys/withdrawal/withdrawal-cash-rules.js';
import { withdrawalNotPaid } from '../journeys/withdrawal/withdrawal-not-paid.js';
import { journeySnapshotOf, runningJourneyOf } from './session-view.js';
import type { SessionSnapshot } from './session-view.js';

/** The details' shape is the domain's view contract: one type, shared with the UI. */
export type JourneyDetails = DomainJourneyDetails;

/** Compile-time guard: what this file builds is what the domain's view contract carries. */
export const asDomainJourneyDetails = (details: JourneyDetails): DomainJourneyDetails => details;

/**
 * `locale`: the view's language, in which a record the kiosk cannot word itself is shown with the
 * host's words (the records journey keeps them in each language the kiosk offers).
 */
export function journeyDetailsOf(
  snapshot: SessionSnapshot,
  locale: Locale = 'zh-CN',
): JourneyDetails | undefined {
  const machine = runningJourneyOf(snapshot);
  const child = journeySnapshotOf(snapshot);
  if (!machine || !child) return undefined;
  switch (machine) {
    case 'identify': {
      const c = child.context as unknown as IdentifyContext;
      return { kind: 'identify', faceTriesLeft: Math.max(0, c.maxFaceTries - c.faceTries) };
    }
    case 'records': {
      const c = child.context as unknown as RecordsContext;
      return {
        kind: 'records',
        records: c.records.map((r) => ({
          at: r.at,
          kind: r.kind,
          amountFen: r.amountFen,
          balanceAfterFen: r.balanceAfterFen,
          ...(r.place !== undefined ? { place: r.place } : {}),
          ...(r.detail !== undefined ? { detail: r.detail } : {}),
          ...(r.descriptions !== undefined ? { description: r.descriptions[locale] } : {}),
        })),
        unprintedCount: c.unprintedCount,
        recordsUntilPrintRequired: recordsUntilPrintRequired(c.unprintedCount, c.printLimit),
        printAvailable: c.printAvailable,
        printed: c.printed,
      };
    }
    case 'withdrawal': {
      const c = child.context as unknown as WithdrawalContext;
      return {
        kind: 'withdraw',
        ...(c.quota ? { balanceFen: c.quota.balanceFen } : {}),
        // the amounts offered are those the notes held at the amount screen make (until then, none)
        ...offered(c),
        noteFen: c.rules.noteFen,
        singleMaxFen: c.rules.singleMaxFen,
        ...(c.quota
          ? { withdrawalsLeftToday: Math.max(0, c.rules.dailyCountMax - c.quota.withdrawalsToday) }
          : {}),
        ...(c.amountFen !== undefined ? { amountFen: c.amountFen } : {}),
        ...(c.amountFen !== undefined && c.dispensedFen > 0 && c.dispensedFen < c.amountFen
          ? { countedFen: c.dispensedFen }
          : {}),
        receiptAvailable: c.receiptAvailable,
        ...(c.receiptPrinted !== undefined ? { receiptPrinted: c.receiptPrinted } : {}),
        ...(c.reversed ? { reversed: true as const } : {}),
        // its end with no cash paid out: the done screen says what became of the money
        ...notPaidAtEnd(child.value, c),
      };
    }
    case 'newPin': {
      const c = child.context as unknown as NewPinContext;
      return {
        kind: 'newPin',
        triesLeft: Math.max(0, c.maxTries - c.tries),
        ...(c.weakRule ? { weakRule: c.weakRule } : {}),
      };
    }
    case 'reportLoss': {
      const c = child.context as unknown as ReportLossContext;
      return {
        kind: 'reportLoss',
        mode: c.card?.state === 'temporarilyLost' ? 'unfreeze' : 'report',
        ...(c.lapsesOn ? { lapsesOn: c.lapsesOn } : {}),
      };
    }
    case 'issueCard': {
      const c = child.context as unknown as IssueCardContext;
      return {
        kind: 'issueCard',
        ...(c.application ? { feeDueFen: c.application.feeDueFen } : {}),
        feePaid: c.feePaid,
        // the ways to pay, when there is a fee to pay
        ...(c.application && c.application.feeDueFen > 0 ? { feeMethods: c.feeMethods } : {}),
        attempt: c.attempt,
        maxAttempts: c.maxRetries + 1,
        // Cancel or the ID card lifted while the account's payment is at the host: it is waited for
        ...(c.feeStopAsked ? { finishingWithOffice: true as const } : {}),
      };
    }
    default:
      return undefined;
  }
}

/** At the withdrawal's end (`done`), how it stands when it paid nothing out (`withdrawalNotPaid`). */
function notPaidAtEnd(state: unknown, c: WithdrawalContext): { notPaid?: WithdrawalNotPaid } {
  const notPaid = state === 'done' ? withdrawalNotPaid(c) : undefined;
  return notPaid ? { notPaid } : {};
}

/** The amounts the withdrawal offers now, ascending, and the largest of them (0: none). */
function offered(c: WithdrawalContext): { largestFen: number; amountsFen: number[] } {
  const amountsFen = c.quota && c.cash ? offeredAmounts(c.quota, c.rules, c.cash) : [];
  return { largestFen: amountsFen.at(-1) ?? 0, amountsFen };
}
