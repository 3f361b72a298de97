/**
 * The resident's screens said dates and times in the browser's zone, the terminal system's: a
 * kiosk image left at UTC showed a record paid at 01:30 on 28 November as 27 November (the receipt
 * printed 2026-11-28), the balance "as of" and the QR code "payable until" eight hours off the
 * hall's clock. They now say them in the kiosk's time zone, China Standard Time, as the receipts
 * and the staff screens do, whatever the terminal's zone. (It tells the fault on a machine whose
 * zone is not China's, as CI's UTC: Jest's workers keep the zone they started with.)
 */
import { BalancePanel } from './balance-panel';
import { PaymentQr } from './payment-qr';
import { RecordsTable } from './records-table';
import { renderForSpec } from './render-for-spec';
import { balanceSession, oneRecordPaidAt, qrPayableUntil } from './sample-views';

/** 17:30 UTC on 27 November is 01:30 on 28 November in the kiosk's zone */
const LATE_EVENING_UTC = '2026-11-27T17:30:00.000Z';

describe('dates and times on the resident’s screens', () => {
  it('dates a record by the kiosk’s day, as the printed records do', () => {
    const details = oneRecordPaidAt(LATE_EVENING_UTC);
    expect(renderForSpec(<RecordsTable details={details} />, 'zh-CN')).toContain('<td>2026/11/28</td>');
    expect(renderForSpec(<RecordsTable details={details} />, 'en')).toContain('<td>11/28/2026</td>');
  });

  it('says the balance as of the kiosk’s time', () => {
    const view = { ...balanceSession(), balance: { amountFen: 356_780, asOf: LATE_EVENING_UTC } };
    const html = renderForSpec(<BalancePanel view={view} />, 'en');
    expect(html).toContain('Nov 28, 2026, 1:30');
    expect(html).not.toContain('Nov 27');
  });

  it('says until when the QR code is payable in the kiosk’s time', () => {
    const html = renderForSpec(<PaymentQr payment={qrPayableUntil(LATE_EVENING_UTC)} />, 'zh-CN');
    expect(html).toContain('01:30');
    expect(html).not.toContain('17:30');
  });
});
