import type { MaintenanceSupplyView, PendingCardMaking, ReconciliationReport } from '@kiosk/domain';
import { renderForSpec } from '../screens/render-for-spec';
import { CardMakingSettlements, PendingCardMakingItem } from './card-making-settlements';
import { ReconciliationTable } from './reconciliation-table';
import { receiptPaper, renderSupplyRow } from './supply-row.spec-support';
import { VisitEnd } from './visit-end';

/** the paper as the view sends it once the printer reads it out */
const paper: MaintenanceSupplyView = { ...receiptPaper, level: 'empty' };
const cassette: MaintenanceSupplyView = {
  ...paper,
  device: 'cashDispenser',
  supply: 'cassette:upper',
  unit: 'notes',
  level: 'low',
  count: 12,
  capacity: null,
  countedBy: 'device',
  denominationFen: 10000,
  journalCount: 12,
  allowed: false,
};
/** a card making recovery left for staff, as the daemon's view sends it (masked already) */
const undecided: PendingCardMaking = {
  transactionId: 'JZ-9001-000007',
  startedAt: '2026-11-27T06:30:00.000Z',
  journey: 'issueCard',
  card: 'H41******999',
  idNumber: '4108**********0035',
  name: '王*国',
  stoppedAt: 'card.retract:intent',
  verdict: null,
  counters: { hopper: 39, rejectBinDevice: null, rejectBinJournal: 2 },
};
const item = (pending: PendingCardMaking, chosen: PendingCardMaking['verdict'], locale: 'en' | 'zh-CN') =>
  renderForSpec(
    <PendingCardMakingItem
      pending={pending}
      busy={false}
      chosen={chosen}
      onChoose={() => undefined}
      onConfirm={() => undefined}
    />,
    locale,
  );

describe('staff screens, as the daemon’s view has them', () => {
  it('paper is sensed only: a refill asks no count, only that a new roll is in', () => {
    const html = renderSupplyRow(paper, 'en');
    expect(html).toContain('Receipt paper');
    expect(html).toContain('sensed only');
    expect(html).not.toContain('staff-added-');
    expect(html).not.toContain('staff-before-');
    expect(html).toContain('New roll in');
  });

  it('a cassette this role may not load: its counts and denomination, no form', () => {
    const html = renderSupplyRow(cassette, 'zh-CN');
    expect(html).toContain('钞箱 上层（100 元）');
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

  it('a card making left for staff: masked resident and card, the step it stopped at, the printer’s counts, three answers and nothing to confirm yet', () => {
    const html = renderForSpec(
      <CardMakingSettlements
        pending={[undecided]}
        busy={false}
        onSettle={() => undefined}
        onSettleOldCard={() => undefined}
      />,
      'en',
    );
    expect(html).toContain('Card makings left for staff');
    expect(html).toContain('New card · JZ-9001-000007');
    expect(html).toContain('王*国 · 4108**********0035');
    expect(html).toContain('H41******999');
    expect(html).toContain('2026-11-27 14:30'); // the kiosk's local time
    expect(html).toContain('pulling back a card nobody took <code>card.retract:intent</code>');
    expect(html).toContain('<dd>39</dd>');
    expect(html).toContain('printer not counted, journal 2');
    expect(html).toContain('Card found in the reject bin');
    expect(html).toContain('Not in the reject bin: the resident took it');
    expect(html).toContain('Card missing: not in the bin, the resident did not get it');
    expect(html).not.toContain('staff-card-confirm');
  });

  it('found in the reject bin, chosen: the confirmation says the bin goes from 2 to 3 and the number is voided', () => {
    const html = item(undecided, 'inRejectBin', 'en');
    expect(html).toContain('data-testid="staff-card-confirm"');
    expect(html).toContain('Confirm: Card found in the reject bin?');
    expect(html).toContain('The journal’s reject bin count goes from 2 to 3.');
    expect(html).toContain('The office is told the card was not issued and voids its number.');
    expect(html).toContain('aria-pressed="true"');
  });

  it('card missing, chosen (zh-CN): the bin stays, the office voids the number, the resident applies again', () => {
    const html = item(undecided, 'missing', 'zh-CN');
    expect(html).toContain('确认：卡片下落不明：不在废卡箱，居民也未拿到？');
    expect(html).toContain('废卡箱计数不变。 告知中心未发卡，该卡号作废');
    expect(html).toContain('居民需重新申请');
  });

  it('a verdict given before the office answered: only that answer is offered again, in words', () => {
    const html = item({ ...undecided, verdict: 'taken' }, null, 'en');
    expect(html).toContain('A verdict was given already (Not in the reject bin: the resident took it)');
    expect(html).toContain('staff-card-taken');
    expect(html).not.toContain('staff-card-inRejectBin');
    expect(html).not.toContain('staff-card-missing');
  });

  it('a card making whose personal data did not open and a printer that counts nothing: dashes, never a guess', () => {
    const html = item(
      {
        ...undecided,
        journey: 'replaceCard',
        card: null,
        idNumber: null,
        name: null,
        stoppedAt: 'card.present:done',
        counters: { hopper: null, rejectBinDevice: null, rejectBinJournal: null },
      },
      null,
      'zh-CN',
    );
    expect(html).toContain('补换卡 · JZ-9001-000007');
    expect(html).toContain('— · —');
    expect(html).toContain('<code>card.present:done</code>');
    expect(html).toContain('制卡机 不计数，流水 不计数');
  });

  it('found in the reject bin with no count in the journal: no count made up, the card journaled as found there', () => {
    const html = item(
      { ...undecided, counters: { hopper: 39, rejectBinDevice: null, rejectBinJournal: null } },
      'inRejectBin',
      'en',
    );
    expect(html).toContain('The reject bin has no count to add it to; the card is journaled as found there.');
    expect(html).not.toContain('goes from');
  });

  it('no card making left for staff: says none, offers no answer', () => {
    const html = renderForSpec(
      <CardMakingSettlements
        pending={[]}
        busy={false}
        onSettle={() => undefined}
        onSettleOldCard={() => undefined}
      />,
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
