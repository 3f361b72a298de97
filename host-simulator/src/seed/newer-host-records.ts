/**
 * A back office one release ahead of the kiosk: it posts a kind of record (a long-term-care
 * insurance premium, 长护险) and a kind of medical payment (a dental clinic) that this kiosk
 * version does not know, with the host's own description naming the holder as a host's staff
 * text may. For specs and demos of a kiosk meeting them (`--newer-records CARD_NUMBER`).
 */
import { SystemAccount } from '../ledger/ledger.js';
import type { HostStore } from '../store/host-store.js';

/** The long-term-care fund's side of the premiums. */
const LONG_TERM_CARE_FUND = 'fund:longTermCare';

/** Posts the two records on the personal account of the card's holder, a minute apart before `at`. */
export function postNewerHostRecords(store: HostStore, cardNumber: string, at: Date): void {
  const card = store.cards.get(cardNumber);
  if (!card) throw new RangeError(`newer-host records: no card ${cardNumber}`);
  const holder = store.holderOf(card);
  store.ledger.transfer({
    from: holder.accountId,
    to: SystemAccount.medicalSettlement,
    amountFen: 3_450,
    at: new Date(at.getTime() - 120_000).toISOString(),
    kind: 'medicalPayment',
    detail: 'dentalClinic',
    description: '口腔诊所 (dental clinic)',
  });
  store.ledger.transfer({
    from: holder.accountId,
    to: LONG_TERM_CARE_FUND,
    amountFen: 1_200,
    at: new Date(at.getTime() - 60_000).toISOString(),
    kind: 'longTermCare',
    description: `长护险个人缴费 ${holder.name} (long-term care)`,
  });
}
