/**
 * What a journey screen shows beyond `SessionView`'s common fields: the records list, the
 * withdrawal limits, the face tries left, the day a loss report lapses. Built field by field from
 * the running journey machine, like `toSessionView`, and as safe: no ID number, no card number,
 * no name, no PIN. The daemon sends it with the view (`SessionView` has no field for it yet).
 */
import type { Fen, JourneyDetails as DomainJourneyDetails } from '@kiosk/domain';
import type { NewPinContext } from '../journeys/new-pin/new-pin.machine.js';
import type { IdentifyContext } from '../journeys/identify/identify.machine.js';
import type { AccountRecord, RecordsContext } from '../journeys/records/records.machine.js';
import { recordsUntilPrintRequired } from '../journeys/records/records-rule.js';
import type { ReportLossContext } from '../journeys/report-loss/report-loss.machine.js';
import type { IssueCardContext } from '../journeys/issue-card/issue-card.types.js';
import type { WithdrawalContext } from '../journeys/withdrawal/withdrawal.types.js';
import { largestWithdrawal } from '../journeys/withdrawal/withdrawal-rules.js';
import { journeySnapshotOf, runningJourneyOf } from './session-view.js';
import type { SessionSnapshot } from './session-view.js';

export type JourneyDetails =
  | { readonly kind: 'identify'; readonly faceTriesLeft: number }
  | {
      readonly kind: 'records';
      readonly records: readonly AccountRecord[];
      readonly unprintedCount: number;
      readonly recordsUntilPrintRequired: number;
      readonly printAvailable: boolean;
      readonly printed: boolean;
    }
  | {
      readonly kind: 'withdraw';
      readonly balanceFen?: Fen;
      /** the largest amount the kiosk accepts now, in whole notes (0: none today) */
      readonly largestFen: Fen;
      readonly noteFen: Fen;
      readonly singleMaxFen: Fen;
      readonly withdrawalsLeftToday?: number;
      readonly amountFen?: Fen;
      /** false: warn that no receipt can be printed */
      readonly receiptAvailable: boolean;
    }
  | { readonly kind: 'newPin'; readonly triesLeft: number; readonly weakRule?: string }
  | {
      readonly kind: 'reportLoss';
      /** 'unfreeze': the card is already reported lost and the question is to lift it */
      readonly mode: 'report' | 'unfreeze';
      readonly lapsesOn?: string;
    }
  | {
      readonly kind: 'issueCard';
      /** the replacement fee the host asks (0 for a new card) */
      readonly feeDueFen?: Fen;
      readonly feePaid: boolean;
      /** the blank being made (1..maxAttempts) */
      readonly attempt: number;
      readonly maxAttempts: number;
    };

/** Compile-time guard: what this file builds is what the domain's view contract carries. */
export const asDomainJourneyDetails = (details: JourneyDetails): DomainJourneyDetails => details;

export function journeyDetailsOf(snapshot: SessionSnapshot): JourneyDetails | undefined {
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
        largestFen: c.quota ? largestWithdrawal(c.quota, c.rules) : 0,
        noteFen: c.rules.noteFen,
        singleMaxFen: c.rules.singleMaxFen,
        ...(c.quota
          ? { withdrawalsLeftToday: Math.max(0, c.rules.dailyCountMax - c.quota.withdrawalsToday) }
          : {}),
        ...(c.amountFen !== undefined ? { amountFen: c.amountFen } : {}),
        receiptAvailable: c.receiptAvailable,
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
        attempt: c.attempt,
        maxAttempts: c.maxRetries + 1,
      };
    }
    default:
      return undefined;
  }
}
