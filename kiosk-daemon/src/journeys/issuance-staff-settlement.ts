/**
 * What field staff do with a card-making recovery could not decide (`recovery.needsStaff`: a card
 * left the slot during its retract, on a printer that does not count its reject bin). A supervisor
 * looks in the reject bin and says where the card is: found there (`inRejectBin`), the reserved
 * number is reported `abandoned` to the host as recovery would; handed to the resident (`taken`),
 * it is reported `issued`; found nowhere (`missing`), it is reported `abandoned` (reason
 * `missing`), so a card nobody holds rightfully can never be activated. The verdict is journaled
 * first with who gave it, the blank is accounted for in the journal's printer counters (one more
 * in the reject bin, which the printer does not count, when found there and the journal has a
 * count; `recovery.staffCounted` says where the blank went in any case, journaled before the count
 * it makes, `staff-counted-blank.ts`), the host is told under
 * the transaction's key, and the transaction is closed, so the next self test finds nothing
 * pending.
 *
 * A verdict stands once journaled: a host that does not answer leaves its step failed and the
 * transaction open, and only the same verdict may be given again (another is refused
 * MAINTENANCE_ALREADY_SETTLED, as is any verdict once the transaction is closed); a restart in
 * between carries the journaled verdict through at boot (`resumeStaffVerdict`), never re-decides.
 */
import type { CardPrinterPort } from '@kiosk/device-drivers';
import { CARD_WHEREABOUTS, ErrorCode, KioskError, maskCardNumber, type CardWhereabouts } from '@kiosk/domain';
import { z } from 'zod';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { refuseIfHostAway } from '../host/boot-host.js';
import type { BootHost } from '../host/journaled-host-retries.js';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import { detailText, type JournaledStep } from '../journal/step-detail.js';
import { CARD_REPORT_STEP, sealedCardNumber } from './card-making-reports.js';
import { countCardIssued } from './cards-issued.js';
import { journaledAct } from './journey-tools.js';
import { countStaffSettledBlank } from './staff-counted-blank.js';
import {
  admitStaffVerdict,
  journaledVerdictOf,
  journalStaffVerdict,
  resumeJournaledVerdict,
  STAFF_VERDICT_STEP,
  type StaffSettlementKind,
} from './staff-settlement-rules.js';

export type { CardWhereabouts } from '@kiosk/domain';

export interface CardSettlementDeps {
  readonly journal: JournalService;
  readonly printer: CardPrinterPort;
  readonly issuance: IssuanceHostService | undefined;
}

export type SettledOutcome = 'issued' | 'abandoned';

/**
 * A card making as staff settle it (`staff-settlement-rules.ts`). A verdict that does not read
 * counts as none (`asNone`): recovery at boot decides the card making as usual, and staff may give
 * any verdict.
 */
const CARD_MAKING: StaffSettlementKind<CardWhereabouts, 'asNone'> = {
  journeys: new Set(['issueCard', 'replaceCard']),
  verdictField: 'card',
  verdicts: z.enum(CARD_WHEREABOUTS),
  unreadable: 'asNone',
  what: 'card making',
  toldTo: 'office',
  notFound: 'No card making left for staff has this transaction number.',
};

/** The last verdict staff journaled in these steps; one that does not read is as none. */
export function staffVerdictOf(steps: readonly JournaledStep[]): CardWhereabouts | undefined {
  return journaledVerdictOf(CARD_MAKING, steps);
}

export async function settleIssuanceByStaff(
  deps: CardSettlementDeps,
  transactionId: string,
  card: CardWhereabouts,
  staffId: string,
): Promise<{ readonly outcome: SettledOutcome }> {
  const { journal } = deps;
  const { steps, toJournal } = await admitStaffVerdict(journal, CARD_MAKING, transactionId, card);
  const order = orderOf(deps, steps);
  // read once, handed to the carrying out (the sealed card number does not change)
  const read = order ? await sealedCardNumber(journal, transactionId) : {};
  if (!order || !maskedOf(read, steps)) {
    throw new KioskError(ErrorCode.SESSION_NOT_FOUND, 'This transaction has no card order to settle.', {
      transactionId,
    });
  }
  // journal first: the verdict and who gave it, before any count or host call (once)
  if (toJournal)
    await journalStaffVerdict(journal, transactionId, { card, staff: staffId, outcome: outcomeOf(card) });
  const outcome = await carryOut(deps, transactionId, card, steps, staffId, undefined, read);
  if (!outcome) throw new KioskError(ErrorCode.INTERNAL, 'The card order could not be read.');
  return { outcome };
}

/**
 * At boot: a verdict staff journaled whose settlement a restart cut short is carried through as
 * given (counted once, the host told, closed). Undefined: no verdict here (recovery decides as
 * usual); true: settled; false: the host did not answer (the step failed, the transaction stays
 * open for staff to send it again). A host that did not answer earlier at this boot (`boot.away`)
 * is not asked (the blank is still counted); one that does not answer marks it away.
 */
export async function resumeStaffVerdict(
  deps: CardSettlementDeps,
  transactionId: string,
  boot?: BootHost,
  /** the transaction's steps as boot recovery read them; absent: read */
  read?: readonly JournaledStep[],
): Promise<boolean | undefined> {
  const resumed = await resumeJournaledVerdict(
    deps.journal,
    CARD_MAKING,
    transactionId,
    boot,
    (given, steps) => {
      const staff = detailText(
        steps.findLast((s) => s.step === STAFF_VERDICT_STEP),
        'staff',
      );
      return carryOut(deps, transactionId, given, steps, staff ?? 'unknown', boot);
    },
    read,
  );
  return resumed && resumed.settled && resumed.result !== undefined;
}

const outcomeOf = (card: CardWhereabouts): SettledOutcome => (card === 'taken' ? 'issued' : 'abandoned');

function orderOf(deps: CardSettlementDeps, steps: readonly JournaledStep[]): string | undefined {
  // unreadable or not text: as when absent, no order to settle (refused, nothing reported)
  const order = steps.findLast((s) => s.step === 'issuance.order');
  return deps.issuance ? detailText(order, 'applicationNo') : undefined;
}

type CardNumberRead = Awaited<ReturnType<typeof sealedCardNumber>>;

/** The card masked: from its number, or, one that does not open, as the order journaled it. */
function maskedOf(read: CardNumberRead, steps: readonly JournaledStep[]): string | undefined {
  if (read.cardNumber) return maskCardNumber(read.cardNumber);
  if (read.notOpen === undefined) return undefined;
  return detailText(
    steps.findLast((s) => s.step === 'issuance.order'),
    'card',
  );
}

/** Counts the blank (once), tells the host, closes; undefined when there is no order to report. */
async function carryOut(
  deps: CardSettlementDeps,
  transactionId: string,
  card: CardWhereabouts,
  steps: readonly JournaledStep[],
  staffId: string,
  boot?: BootHost,
  /** the card number as the caller read it; absent: read */
  known?: CardNumberRead,
): Promise<SettledOutcome | undefined> {
  const { journal, printer, issuance } = deps;
  const applicationNo = orderOf(deps, steps);
  const read = known ?? (await sealedCardNumber(journal, transactionId));
  const masked = maskedOf(read, steps);
  if (!issuance || !applicationNo || !masked) return undefined;
  const outcome = outcomeOf(card);
  // handed to the resident: journaled and counted issued once (a restart resumes with its step read)
  if (card === 'taken') await countCardIssued(journal, transactionId, masked, { staff: staffId }, steps);
  // journaled with the count it makes, then counted: once across a restart at any instant
  await countStaffSettledBlank(journal, printer, transactionId, card, steps);
  const reason = card === 'missing' ? 'missing' : 'interrupted';
  const { cardNumber } = read;
  if (!cardNumber) {
    // its number does not open: the report cannot be sent; journaled owed with why (sent at a boot
    // it opens at, or given up at the bound of ADR 0025), the card making closed on the verdict
    const why: StepDetail = outcome === 'abandoned' ? { reason } : {};
    await journal.recordStep(transactionId, CARD_REPORT_STEP, 'intent', { outcome, card: masked, ...why });
    await journal.recordStep(transactionId, CARD_REPORT_STEP, 'failed', {
      code: read.notOpen!,
      triedAgain: true,
    });
    await journal.closeTransaction(transactionId, 'interrupted', ErrorCode.SESSION_INTERRUPTED);
    return outcome;
  }
  refuseIfHostAway(boot);
  await journaledAct(
    journal,
    transactionId,
    'recovery.host.issued',
    () =>
      issuance.reportIssuance(
        applicationNo,
        { cardNumber, outcome, ...(outcome === 'abandoned' ? { reason } : {}) },
        transactionId,
      ),
    { outcome, card: masked, staff: staffId },
  );
  await journal.closeTransaction(transactionId, 'interrupted', ErrorCode.SESSION_INTERRUPTED);
  return outcome;
}
