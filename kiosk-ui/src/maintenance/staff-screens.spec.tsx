import type { MaintenanceSupplyView, ReconciliationReport } from '@kiosk/domain';
import { renderForSpec } from '../screens/render-for-spec';
import { CardMakingSettlements } from './card-making-settlements';
import { ReconciliationTable } from './reconciliation-table';
import { SupplyRow } from './supply-row';
import { VisitEnd } from './visit-end';

const paper: MaintenanceSupplyView = {
  device: 'receiptPrinter',
  supply: 'paper',
  role: 'stock',
  unit: 'rolls',
  level: 'empty',
  count: null,
  capacity: null,
  countedBy: 'staff',
  denominationFen: null,
  journalCount: null,
  allowed: true,
};
const cassette: MaintenanceSupplyView = {
  ...paper,
  device: 'cashDispenser',
  supply: 'cassette:upper',
  unit: 'notes',
  level: 'low',
  count: 12,
  countedBy: 'device',
  denominationFen: 10000,
  journalCount: 12,
  allowed: false,
};
const none = () => Promise.resolve();

describe('staff screens, as the daemon’s view has them', () => {
  it('paper is sensed only: a refill asks for the rolls loaded, not a count before', () => {
    const html = renderForSpec(
      <SupplyRow supply={paper} busy={false} onRefill={none} onEmpty={none} />,
      'en',
    );
    expect(html).toContain('Receipt paper');
    expect(html).toContain('sensed only');
    expect(html).toContain('data-testid="staff-added-receiptPrinter-paper"');
    expect(html).not.toContain('staff-before-');
  });

  it('a cassette this role may not load: its counts and denomination, no form', () => {
    const html = renderForSpec(
      <SupplyRow supply={cassette} busy={false} onRefill={none} onEmpty={none} />,
      'zh-CN',
    );
    expect(html).toContain('钞箱 upper（100 元）');
    expect(html).toContain('需由主管操作。');
    expect(html).not.toContain('<form');
  });

  it('the reconciliation report says which supply does not reconcile', () => {
    const report: ReconciliationReport = {
      since: '2026-11-01T00:00:00.000Z',
      lines: [
        {
          device: 'cashDispenser',
          supply: 'cassette:upper',
          role: 'stock',
          before: 100,
          byStaff: 50,
          byKiosk: 2,
          after: 148,
          deviceNow: 148,
          reconciles: true,
        },
        {
          device: 'cashDispenser',
          supply: 'rejectBin',
          role: 'bin',
          before: 0,
          byStaff: 0,
          byKiosk: 2,
          after: 3,
          deviceNow: 3,
          reconciles: false,
        },
      ],
    };
    const html = renderForSpec(<ReconciliationTable report={report} />, 'en');
    expect(html).toContain('data-reconciles="true"');
    expect(html).toContain('does NOT reconcile');
    expect(html).toContain('+50');
  });

  it('an operator hold from the fleet: log-out says the hold stays, return to service offered', () => {
    const html = renderForSpec(
      <VisitEnd
        view={{ operatorHold: 'REMOTE_OUT_OF_SERVICE', actions: ['refill', 'returnToService'] }}
        busy={false}
        onLogOut={() => undefined}
        onReturnToService={() => undefined}
      />,
      'en',
    );
    expect(html).toContain('holds this kiosk out of service (REMOTE_OUT_OF_SERVICE)');
    expect(html).toContain('Log out (self test; the control room’s hold stays)');
    expect(html).toContain('Return to service (release the control room’s hold)');
  });

  it('a card making left for staff: its transaction and both answers of the reject bin', () => {
    const html = renderForSpec(
      <CardMakingSettlements
        pending={[{ transactionId: 'JZ-9001-000007', startedAt: '2026-11-27T06:30:00.000Z' }]}
        busy={false}
        onSettle={() => undefined}
      />,
      'en',
    );
    expect(html).toContain('Card makings left for staff');
    expect(html).toContain('JZ-9001-000007 (2026-11-27 06:30)');
    expect(html).toContain('Card found in the reject bin');
    expect(html).toContain('Not in the reject bin: the resident took it');
  });

  it('no card making left for staff: says none, offers no answer', () => {
    const html = renderForSpec(
      <CardMakingSettlements pending={[]} busy={false} onSettle={() => undefined} />,
      'zh-CN',
    );
    expect(html).toContain('待工作人员处理的制卡');
    expect(html).toContain('无。');
    expect(html).not.toContain('staff-card-inRejectBin');
  });

  it('no hold: plain log-out only, no return to service', () => {
    const html = renderForSpec(
      <VisitEnd
        view={{ operatorHold: null, actions: ['refill', 'returnToService'] }}
        busy={false}
        onLogOut={() => undefined}
        onReturnToService={() => undefined}
      />,
      'zh-CN',
    );
    expect(html).toContain('退出（自检后恢复服务）');
    expect(html).not.toContain('恢复服务（解除');
    expect(html).not.toContain('staff-operator-hold');
  });
});
