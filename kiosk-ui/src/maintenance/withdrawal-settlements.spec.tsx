import type { PendingWithdrawalSettlement } from '@kiosk/domain';
import { renderForSpec } from '../screens/render-for-spec';
import { WithdrawalSettlements } from './withdrawal-settlements';

/** a withdrawal recovery left for staff, as the daemon's view sends it */
const undecided: PendingWithdrawalSettlement = {
  transactionId: 'JZ-9001-000003',
  startedAt: '2026-11-27T06:30:00.000Z',
  verdict: null,
  amountFen: 20_000,
  card: 'H41******102',
  name: '李*英',
  stoppedAt: 'cash.dispense:intent',
};
const list = (pending: readonly PendingWithdrawalSettlement[], locale: 'en' | 'zh-CN') =>
  renderForSpec(<WithdrawalSettlements pending={pending} busy={false} onSettle={() => undefined} />, locale);

describe('withdrawals left for staff, as the daemon’s view has them', () => {
  it('no verdict yet: both answers offered, nothing said of a verdict', () => {
    const html = list([undecided], 'en');
    expect(html).toContain('JZ-9001-000003 (2026-11-27 06:30)');
    expect(html).toContain('staff-withdrawal-paid');
    expect(html).toContain('staff-withdrawal-notPaid');
    expect(html).not.toContain('staff-withdrawal-verdict-given');
  });

  it('a verdict given before the host answered: only that answer is offered again, in words', () => {
    const html = list([{ ...undecided, verdict: 'notPaid' }], 'en');
    expect(html).toContain(
      'A verdict was given already (Resident was not paid) and the host did not answer: send it again.',
    );
    expect(html).toContain('staff-withdrawal-notPaid');
    expect(html).not.toContain('staff-withdrawal-paid');
  });

  it('a verdict given (zh-CN): said in words, the other answer not offered', () => {
    const html = list([{ ...undecided, verdict: 'paid' }], 'zh-CN');
    expect(html).toContain('已有处理结论（居民已拿到钱），但主机未应答：请再次报送。');
    expect(html).not.toContain('staff-withdrawal-notPaid');
  });

  it('what the supervisor counts for: the amount asked, the card and name as the daemon masked them, where it stopped', () => {
    const en = list([undecided], 'en');
    expect(en).toContain('Amount asked for');
    expect(en).toContain('¥ 200.00');
    expect(en).toContain('李*英 · H41******102');
    expect(en).toContain('<code>cash.dispense:intent</code>');
    expect(list([undecided], 'zh-CN')).toContain('200.00 元');
    const unknown = list([{ ...undecided, amountFen: null, card: null, name: null, stoppedAt: null }], 'en');
    expect(unknown).toContain('— · —');
    expect(unknown).not.toContain('¥');
  });

  it('none left for staff: says none, offers no answer', () => {
    const html = list([], 'zh-CN');
    expect(html).toContain('无。');
    expect(html).not.toContain('staff-withdrawal-paid');
  });
});
