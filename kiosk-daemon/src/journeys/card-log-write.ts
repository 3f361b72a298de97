/**
 * A withdrawal's record on the card's rolling transaction log (EF18; RULES.md: after 60 records not
 * yet printed the card refuses further use until they are printed). Written once the resident took
 * the cash and the host's confirm was sent (answered, or owed to the background tries: the money is
 * paid either way), with the card still in the reader, before it goes back (ADR 0026).
 *
 * Journal first: `card.logTransaction` intent (the record's kind, amount, terminal and stamp, the
 * card masked, the chip's unprinted count before it), the APPEND RECORD, then done or failed. The
 * record is a convenience for the resident, not the money: a write that fails never fails the
 * withdrawal, holds its cash or its card, or is tried again. Its outcome is journaled
 * (`card.logSettled`: written true, false or 'unknown'): the chip's refusal (log full, a status
 * word) is false; a write with no answer is read back from the chip while the card is inside and
 * the PIN verified (a record the same in kind, amount, terminal and stamp is this one); a card
 * pulled mid-write is 'unknown'. The session's count follows, so a withdrawal that brought the card
 * to its limit leaves the card refused for every journey but the records one (`checkCard`).
 */
import type { KioskConfig } from '@kiosk/config';
import {
  logStampOf,
  sameLogRecord,
  type CardReaderPort,
  type CardTransaction,
  type SocialSecurityCardData,
} from '@kiosk/device-drivers';
import { ErrorCode, KioskError, maskCardNumber } from '@kiosk/domain';
import { isPrintRequired } from '@kiosk/state-machines';
import type { JourneyTools } from './journey-tools.js';

export const CARD_LOG_STEP = 'card.logTransaction';
/** what became of a record whose write did not answer done (`written`: true, false, 'unknown') */
export const CARD_LOG_SETTLED = 'card.logSettled';
/** the log kind of a withdrawal (`CardTransaction.kind`) */
export const WITHDRAWAL_LOG_KIND = 'W';

export type LogWritten = boolean | 'unknown';

export interface CardLogDeps {
  /** absent (unit specs of a journey without a reader): no record is written */
  readonly cardReader?: Pick<CardReaderPort, 'logTransaction' | 'readTransactions' | 'cardPosition'>;
  readonly config: Pick<KioskConfig, 'kiosk' | 'card'>;
}

/** Where the session keeps the card it read (`SessionScope.card`): its count follows the writes. */
export interface CardHolder {
  card: SocialSecurityCardData | undefined;
}

/**
 * The six characters the card's log names this kiosk by: its id without the dash (JZ-0001 →
 * JZ0001); an id longer than that keeps its first two letters and last four digits.
 */
export function cardLogTerminalId(kioskId: string): string {
  const compact = kioskId.replace('-', '');
  if (compact.length <= 6) return compact;
  const [letters = '', digits = ''] = kioskId.split('-');
  return `${letters.slice(0, 2)}${digits.slice(-4)}`;
}

/** Whether the session's card is at its unprinted-records limit now (the ended screen says so). */
export function cardAtPrintLimit(deps: CardLogDeps, holder: CardHolder): boolean {
  const unprinted = holder.card?.recordsUnprinted;
  return unprinted !== undefined && isPrintRequired(unprinted, deps.config.card.recordsUntilPrintRequired);
}

/** Appends the withdrawal of `paidFen` to the card's log, journaled; never throws. */
export async function logWithdrawalOnCard(
  deps: CardLogDeps,
  holder: CardHolder,
  tools: Pick<JourneyTools, 'irreversible' | 'step'>,
  paidFen: number,
  signal?: AbortSignal,
): Promise<LogWritten | undefined> {
  const { cardReader } = deps;
  const card = holder.card;
  if (!card || !cardReader) return undefined;
  const before = card.recordsUnprinted;
  const at = new Date(Math.floor(Date.now() / 1000) * 1000);
  const entry: CardTransaction = {
    kind: WITHDRAWAL_LOG_KIND,
    amountFen: paidFen,
    terminalId: cardLogTerminalId(deps.config.kiosk.id),
    at,
    timeZone: deps.config.kiosk.timeZone,
  };
  let asked = false;
  try {
    await tools.irreversible(
      CARD_LOG_STEP,
      () => {
        asked = true;
        return cardReader.logTransaction(entry, signal);
      },
      {
        kind: entry.kind,
        amountFen: paidFen,
        terminalId: entry.terminalId,
        stamp: logStampOf(at, entry.timeZone),
        card: maskCardNumber(card.cardNumber),
        unprintedBefore: before ?? null,
      },
    );
    countOnCard(holder, card, before === undefined ? undefined : before + 1);
    return true;
  } catch (e) {
    const code = KioskError.from(e).code;
    const written = asked ? await writtenAfterFailure(cardReader, entry, e, signal) : false;
    if (code === ErrorCode.CARD_RECORDS_PRINT_REQUIRED) {
      countOnCard(holder, card, deps.config.card.recordsUntilPrintRequired);
    } else if (written !== false && before !== undefined) {
      // a record that may be on the chip counts: the limit is met no later than the card meets it
      countOnCard(holder, card, before + 1);
    }
    await tools.step(CARD_LOG_SETTLED, { written, code, after: 'session' }).catch(() => undefined); // the journal refusing: the failed step (or its intent) tells it
    return written;
  }
}

/**
 * Whether a write that failed is on the chip: not when the chip refused it (its status word, the
 * log full); read back while the card is inside (the PIN still verified); else not known.
 */
async function writtenAfterFailure(
  reader: NonNullable<CardLogDeps['cardReader']>,
  entry: CardTransaction,
  error: unknown,
  signal?: AbortSignal,
): Promise<LogWritten> {
  const failure = KioskError.from(error);
  if (failure.code === ErrorCode.CARD_RECORDS_PRINT_REQUIRED) return false;
  if (failure.code === ErrorCode.DEVICE_PROTOCOL_ERROR && typeof failure.details['sw'] === 'string') {
    return false;
  }
  if (signal?.aborted || reader.cardPosition() !== 'inReader') return 'unknown';
  try {
    const log = await reader.readTransactions(signal);
    return log.some((read) => sameLogRecord(read, entry));
  } catch {
    return 'unknown';
  }
}

/** The session's card with the chip's count now, so the next journey reads the limit from it. */
function countOnCard(holder: CardHolder, card: SocialSecurityCardData, unprinted: number | undefined): void {
  if (unprinted === undefined || holder.card !== card) return;
  holder.card = { ...card, recordsUnprinted: unprinted };
}
