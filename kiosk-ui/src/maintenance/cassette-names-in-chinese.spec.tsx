/**
 * The staff screen named the dispenser's cassettes by their configured ids in Chinese too
 * (钞箱 upper（100 元）), and a cassette act a restart cut off, whose denomination the list does
 * not carry, as 钞箱 upper（ 元） with an empty amount. The known positions have words in each
 * language now (上层, 下层), an unknown one keeps its id, and no amount is said when none is known.
 */
import type { PendingSupplyAct, PendingWithdrawalSettlement } from '@kiosk/domain';
import { renderForSpec } from '../screens/render-for-spec';
import { SupplyActsCutOff } from './supply-acts-cut-off';
import { renderSupplyRow as row, upperCassette as upper } from './supply-row.spec-support';
import { WithdrawalSettlements } from './withdrawal-settlements';

const cutOff: PendingSupplyAct = {
  transactionId: 'JZ-9001-000006',
  startedAt: '2026-11-27T06:30:00.000Z',
  staffId: 'FS-0002',
  device: 'cashDispenser',
  supply: 'cassette:lower',
  action: 'refill',
  quantity: 50,
  countedBefore: null,
  journalCount: 150,
  deviceCount: null,
  supervisorOnly: true,
};

const settlement: PendingWithdrawalSettlement = {
  transactionId: 'JZ-9001-000003',
  startedAt: '2026-11-27T06:30:00.000Z',
  verdict: null,
  amountFen: 20_000,
  card: 'H41******102',
  name: '李*英',
  stoppedAt: 'cash.dispense:intent',
  counters: {
    cassettes: [{ cassette: 'upper', denominationFen: 10_000, device: 198, before: 200, journal: 198 }],
    rejectBinDevice: 1,
    rejectBinBefore: 0,
    rejectBinJournal: 1,
    retractBinDevice: 2,
    retractBinBefore: 0,
    retractBinJournal: 2,
  },
};

describe('cassette names on the staff screen', () => {
  it('a supply row: the position in Chinese, as configured in English', () => {
    expect(row(upper, 'zh-CN')).toContain('钞箱 上层（100 元）');
    expect(row(upper, 'zh-CN')).not.toMatch(/>[^<]*upper[^<]*</);
    expect(row(upper, 'en')).toContain('Cassette upper (100 yuan notes)');
  });

  it('a position the words do not know keeps its configured id', () => {
    expect(row({ ...upper, supply: 'cassette:third' }, 'zh-CN')).toContain('钞箱 third（100 元）');
  });

  it('a cut-off cassette act, its denomination not known: no empty amount', () => {
    const zh = renderForSpec(
      <SupplyActsCutOff
        view={{ pendingSupplyActs: [cutOff], role: 'supervisor' }}
        busy={false}
        onSettle={() => undefined}
      />,
      'zh-CN',
    );
    expect(zh).toContain('钞箱 下层');
    expect(zh).not.toContain('（ 元）');
    expect(zh).not.toMatch(/>[^<]*lower[^<]*</);
  });

  it('a withdrawal left for staff: its cassette counts under the position in Chinese', () => {
    const zh = renderForSpec(
      <WithdrawalSettlements pending={[settlement]} busy={false} onSettle={() => undefined} />,
      'zh-CN',
    );
    expect(zh).toContain('钞箱 上层（100 元）');
    expect(zh).not.toContain('钞箱 upper');
  });
});
