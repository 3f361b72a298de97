/**
 * The supervisor's third verdict on a withdrawal left for staff, on the staff screen: the resident
 * took part of it, the amount counted entered (`taken`, `takenFen`). Offered where the daemon says
 * what was at the slot (`presentedFen`, the most that can be counted taken); a taken verdict given
 * before the host answered is said with its amount and is the only one offered again; a refusal
 * naming it says the amount that stands. Both languages.
 */
import type { PendingWithdrawalSettlement } from '@kiosk/domain';
import { createI18n } from '../i18n/i18n';
import { renderForSpec } from '../screens/render-for-spec';
import { verdictThatStands } from './verdict-choice';
import { fenOfYuan, WithdrawalSettlements } from './withdrawal-settlements';

const left: PendingWithdrawalSettlement = {
  transactionId: 'JZ-9001-000004',
  startedAt: '2026-11-27T06:30:00.000Z',
  verdict: null,
  amountFen: 20_000,
  presentedFen: 20_000,
  card: 'H41******102',
  name: '李*英',
  stoppedAt: 'recovery.needsStaff:event',
  counters: {
    cassettes: [{ cassette: 'upper', denominationFen: 10_000, device: 198, before: 200, journal: 198 }],
    rejectBinDevice: 0,
    rejectBinBefore: 0,
    rejectBinJournal: 0,
    retractBinDevice: 1,
    retractBinBefore: 0,
    retractBinJournal: 1,
  },
};
const list = (pending: readonly PendingWithdrawalSettlement[], locale: 'en' | 'zh-CN') =>
  renderForSpec(<WithdrawalSettlements pending={pending} busy={false} onSettle={() => undefined} />, locale);

describe('the amount taken, counted by staff, on the withdrawal settlement screen', () => {
  it('offered beside paid and not paid where the daemon says what was at the slot, in both languages', () => {
    const en = list([left], 'en');
    expect(en).toContain('data-testid="staff-withdrawal-taken"');
    expect(en).toContain('Resident took part of it');
    expect(list([left], 'zh-CN')).toContain('居民取走了部分钞票');
  });

  it('taken-offered-with-presented-unknown: not offered where what was at the slot is not known (nothing bounds the count)', () => {
    const html = list([{ ...left, presentedFen: null }], 'en');
    expect(html).not.toContain('staff-withdrawal-taken');
    expect(html).toContain('staff-withdrawal-paid');
    // a daemon of an earlier release sends none
    const { presentedFen: _none, ...older } = left;
    expect(list([older], 'en')).not.toContain('staff-withdrawal-taken');
  });

  it('a taken verdict given before the host answered: said with its amount, the only answer offered again', () => {
    const given = { ...left, verdict: 'taken' as const, takenFen: 10_000 };
    const en = list([given], 'en');
    expect(en).toContain(
      'A verdict was given already (Resident took part of it (¥ 100.00)) and the host did not answer: send it again.',
    );
    expect(en).toContain('staff-withdrawal-taken');
    expect(en).not.toContain('staff-withdrawal-paid');
    expect(en).not.toContain('staff-withdrawal-notPaid');
    expect(list([given], 'zh-CN')).toContain(
      '已有处理结论（居民取走了部分钞票（100.00 元）），但主机未应答：请再次报送。',
    );
  });

  it('a refusal naming a taken verdict that stands says its amount; a card making’s taken keeps its own words', () => {
    const en = createI18n('en').t;
    expect(verdictThatStands(en, { verdict: 'taken', takenFen: 10_000 })).toBe(
      'The verdict that stands: Resident took part of it (¥ 100.00).',
    );
    expect(verdictThatStands(createI18n('zh-CN').t, { verdict: 'taken', takenFen: 5_000 })).toBe(
      '维持的结论：居民取走了部分钞票（50.00 元）。',
    );
    expect(verdictThatStands(en, { verdict: 'taken' })).toBe(
      'The verdict that stands: Not in the reject bin: the resident took it.',
    );
  });

  it('the amount as staff type it in yuan, in fen; what does not read is no amount', () => {
    expect(fenOfYuan('100')).toBe(10_000);
    expect(fenOfYuan(' 0 ')).toBe(0);
    expect(fenOfYuan('100.5')).toBe(10_050);
    expect(fenOfYuan('100.05')).toBe(10_005);
    for (const unread of ['', '-100', '1e3', '100.005', '１００', 'abc', undefined])
      expect(fenOfYuan(unread)).toBeNull();
  });
});
