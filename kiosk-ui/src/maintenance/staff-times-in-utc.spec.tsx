/**
 * The staff screen said when the visit's log-in ends in UTC ("logged in until 06:45 UTC",
 * 登录有效至 06:45（UTC）), and every other time on it (a withdrawal or card making left for
 * staff, an act a restart cut off, the reconciliation's start, the journal) in UTC too, eight hours
 * off the hall's clock. Times are now in the kiosk's local time, China Standard Time, without a
 * zone to work out.
 */
import type { PendingCardMaking, PendingWithdrawalSettlement, ReconciliationReport } from '@kiosk/domain';
import { renderForSpec } from '../screens/render-for-spec';
import { CardMakingFacts } from './card-making-facts';
import { kioskTime } from './kiosk-time';
import { ReconciliationTable } from './reconciliation-table';
import { VisitLine } from './visit-end';
import { WithdrawalSettlements } from './withdrawal-settlements';

const visit = { staffId: 'FS-0001', role: 'engineer', expiresAt: '2026-11-27T06:45:00.000Z' } as const;

describe('times on the staff screen', () => {
  it.each([
    ['en', 'FS-0001, engineer, logged in until 14:45'],
    ['zh-CN', 'FS-0001，维护工程师，登录有效至 14:45'],
  ] as const)('the log-in ends at the kiosk’s local time (%s)', (locale, words) => {
    const html = renderForSpec(<VisitLine view={visit} />, locale);
    expect(html).toContain(words);
    expect(html).not.toMatch(/UTC|06:45/);
  });

  it('turns a UTC instant into the kiosk’s date and time, past midnight too', () => {
    expect(kioskTime('2026-11-27T06:45:00.000Z', 'time')).toBe('14:45');
    expect(kioskTime('2026-11-27T17:30:09.000Z')).toBe('2026-11-28 01:30');
    expect(kioskTime('2026-11-27T17:30:09.000Z', 'second')).toBe('2026-11-28 01:30:09');
    expect(kioskTime('not a time')).toBe('not a time');
  });

  it('says when a withdrawal and a card making left for staff started, and since when the report counts', () => {
    const withdrawal: PendingWithdrawalSettlement = {
      transactionId: 'JZ-9001-000003',
      startedAt: '2026-11-27T06:30:00.000Z',
      verdict: null,
      amountFen: 20_000,
      card: 'H41******102',
      name: '李*英',
      stoppedAt: null,
      counters: {
        cassettes: [],
        rejectBinDevice: null,
        rejectBinBefore: null,
        rejectBinJournal: null,
        retractBinDevice: null,
        retractBinBefore: null,
        retractBinJournal: null,
      },
    };
    const making: PendingCardMaking = {
      transactionId: 'JZ-9001-000007',
      startedAt: '2026-11-27T06:30:00.000Z',
      journey: 'issueCard',
      card: null,
      idNumber: null,
      name: null,
      stoppedAt: null,
      verdict: null,
      counters: { hopper: null, rejectBinDevice: null, rejectBinJournal: null },
    };
    const report: ReconciliationReport = { since: '2026-11-26T16:00:00.000Z', lines: [] };
    for (const locale of ['en', 'zh-CN'] as const) {
      const shown = [
        renderForSpec(
          <WithdrawalSettlements pending={[withdrawal]} busy={false} onSettle={() => undefined} />,
          locale,
        ),
        renderForSpec(<CardMakingFacts pending={making} />, locale),
        renderForSpec(<ReconciliationTable report={report} />, locale),
      ].join('\n');
      expect(shown).toContain('2026-11-27 14:30');
      expect(shown).toContain('2026-11-27 00:00');
      expect(shown).not.toMatch(/UTC|06:30/);
    }
  });
});
