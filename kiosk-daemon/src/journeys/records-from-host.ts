/**
 * The host's account records as the screen and the receipt take them. The host's lists of kinds
 * and details are open (its contract reads a value this kiosk does not know as 'other'): such a
 * record keeps its place, date and amounts and brings the host's own words, in the resident's
 * language where the host sends them per language (`hostWordingIn`), masked as the rest of the
 * screen and the receipt are, instead of a wording this kiosk does not have.
 */
import type { AccountRecord as ReceiptRecord } from '@kiosk/device-drivers';
import { formatKioskTime } from '@kiosk/device-drivers';
import {
  DEFAULT_KIOSK_TIME_ZONE,
  hostWordingIn,
  LOCALES,
  OTHER_RECORD,
  residentSafeDescription,
  type Locale,
} from '@kiosk/domain';
import type { AccountRecords as HostRecords } from '@kiosk/host-simulator/contract';
import type { AccountRecord as ScreenRecord } from '@kiosk/state-machines';

type HostRecord = HostRecords[number];

/** Whose records: their name and card number are masked wherever the host's text names them. */
export interface RecordsHolder {
  readonly name?: string;
  readonly cardNumber?: string;
}

/**
 * The screen's line: the host's words only where the screen cannot word the kind or the detail,
 * in each language the kiosk offers (the resident may switch language while the list is shown;
 * the session view takes the one of its language).
 */
export function recordForScreen(r: HostRecord, holder: RecordsHolder): ScreenRecord {
  const unworded = r.kind === OTHER_RECORD || r.detail === OTHER_RECORD;
  return {
    at: r.at,
    kind: r.kind,
    amountFen: r.amountFen,
    balanceAfterFen: r.balanceAfterFen,
    ...(r.detail !== undefined && r.detail !== OTHER_RECORD ? { detail: r.detail } : {}),
    ...(unworded ? { descriptions: wordingByLocale(r, holder) } : {}),
  };
}

function wordingByLocale(r: HostRecord, holder: RecordsHolder): Readonly<Record<Locale, string>> {
  const worded = (locale: Locale) => [locale, residentSafeDescription(hostWordingIn(locale, r), holder)];
  return Object.fromEntries(LOCALES.map(worded)) as Record<Locale, string>;
}

/** The receipt's line, dated in China Standard Time. */
export function recordForReceipt(r: HostRecord): ReceiptRecord {
  return recordForReceiptIn(DEFAULT_KIOSK_TIME_ZONE)(r);
}

/** The receipt's lines of a kiosk in `timeZone`: dated in it, as the rest of the receipt is. */
export function recordForReceiptIn(timeZone: string): (r: HostRecord) => ReceiptRecord {
  return (r) => ({
    date: formatKioskTime(new Date(r.at), timeZone).slice(0, 10),
    ...(r.code !== undefined ? { code: r.code } : {}),
    kind: r.kind,
    description: r.description,
    ...(r.descriptions !== undefined ? { descriptions: r.descriptions } : {}),
    amountFen: r.amountFen,
  });
}

/** How many records came of a kind or a detail this kiosk does not know (journaled, no text). */
export function unknownRecordCount(records: readonly HostRecord[]): number {
  return records.filter((r) => r.kind === OTHER_RECORD || r.detail === OTHER_RECORD).length;
}
