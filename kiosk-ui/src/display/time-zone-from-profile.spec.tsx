/**
 * The kiosk's time zone was a constant of the UI, China Standard Time: a kiosk whose profile keeps
 * another zone (Xinjiang's local practice, Asia/Urumqi, two hours behind Beijing; a vendor's kiosk
 * abroad) printed receipts in its zone while its screens said dates and times eight or two hours
 * off. The screens now say them in the zone the kiosk view names (`timeZone`, from the profile's
 * `kiosk.timeZone`), China Standard Time until a view names one.
 */
import { kioskTime, useKioskTime } from '../maintenance/kiosk-time';
import { ReconciliationTable } from '../maintenance/reconciliation-table';
import { VisitLine } from '../maintenance/visit-end';
import { BalancePanel } from '../screens/balance-panel';
import { PaymentQr } from '../screens/payment-qr';
import { RecordsTable } from '../screens/records-table';
import { renderForSpec } from '../screens/render-for-spec';
import { balanceSession, kioskInService, oneRecordPaidAt, qrPayableUntil } from '../screens/sample-views';
import { kioskTimeZoneOf } from './kiosk-time-zone';

/** 17:30 UTC on 27 November: 23:30 the same day in Urumqi, 01:30 on the 28th in Beijing */
const LATE_EVENING_UTC = '2026-11-27T17:30:00.000Z';
const inUrumqi = { kiosk: { ...kioskInService, timeZone: 'Asia/Urumqi' } };

describe('the time zone the kiosk’s profile names', () => {
  it('dates a record by the kiosk’s own day', () => {
    const details = oneRecordPaidAt(LATE_EVENING_UTC);
    const html = renderForSpec(<RecordsTable details={details} />, 'zh-CN', inUrumqi);
    expect(html).toContain('<td>2026/11/27</td>');
    expect(html).not.toContain('2026/11/28');
  });

  it('says the balance as of and the QR code payable until in the kiosk’s zone', () => {
    const view = { ...balanceSession(), balance: { amountFen: 356_780, asOf: LATE_EVENING_UTC } };
    const balance = renderForSpec(<BalancePanel view={view} />, 'en', inUrumqi);
    expect(balance).toContain('Nov 27, 2026, 11:30');
    const qr = renderForSpec(<PaymentQr payment={qrPayableUntil(LATE_EVENING_UTC)} />, 'zh-CN', inUrumqi);
    expect(qr).toContain('23:30');
    expect(qr).not.toContain('01:30');
  });

  it('says the staff screen’s times in the kiosk’s zone', () => {
    const visit = { staffId: 'FS-0001', role: 'engineer', expiresAt: '2026-11-27T06:45:00.000Z' } as const;
    expect(renderForSpec(<VisitLine view={visit} />, 'en', inUrumqi)).toContain('logged in until 12:45');
    const report = { since: LATE_EVENING_UTC, lines: [] };
    expect(renderForSpec(<ReconciliationTable report={report} />, 'en', inUrumqi)).toContain(
      '2026-11-27 23:30',
    );
    expect(kioskTime(LATE_EVENING_UTC, 'second', 'Europe/Lisbon')).toBe('2026-11-27 17:30:00');
  });

  it('is China Standard Time before the kiosk view came, and for a view that names none', () => {
    const visit = { staffId: 'FS-0001', role: 'engineer', expiresAt: '2026-11-27T06:45:00.000Z' } as const;
    expect(renderForSpec(<VisitLine view={visit} />, 'en')).toContain('logged in until 14:45');
    expect(renderForSpec(<VisitLine view={visit} />, 'en', { kiosk: kioskInService })).toContain(
      'logged in until 14:45',
    );
  });

  it('falls back to China Standard Time for a zone this browser does not know, instead of failing the screen', () => {
    expect(kioskTimeZoneOf('Asia/Shangai')).toBe('Asia/Shanghai');
    expect(kioskTimeZoneOf('Asia/Urumqi')).toBe('Asia/Urumqi');
    function Until() {
      return <span>{useKioskTime()(LATE_EVENING_UTC, 'time')}</span>;
    }
    const html = renderForSpec(<Until />, 'en', { kiosk: { ...kioskInService, timeZone: 'Asia/Shangai' } });
    expect(html).toBe('<span>01:30</span>');
  });
});
