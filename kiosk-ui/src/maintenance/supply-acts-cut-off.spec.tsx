import type { PendingSupplyAct } from '@kiosk/domain';
import { renderForSpec } from '../screens/render-for-spec';
import { SupplyActsCutOff } from './supply-acts-cut-off';

/** a hopper refill a restart cut off on a printer without counters, as the daemon's view sends it */
const hopper: PendingSupplyAct = {
  transactionId: 'JZ-9001-000004',
  startedAt: '2026-11-27T06:30:00.000Z',
  staffId: 'FS-0001',
  device: 'cardPrinter',
  supply: 'cardHopper',
  action: 'refill',
  quantity: 5,
  countedBefore: 40,
  journalCount: null,
  deviceCount: null,
  supervisorOnly: false,
};
const cash: PendingSupplyAct = {
  ...hopper,
  transactionId: 'JZ-9001-000005',
  device: 'cashDispenser',
  supply: 'rejectBin',
  action: 'emptyBin',
  quantity: 3,
  countedBefore: null,
  journalCount: 3,
  supervisorOnly: true,
};
const list = (
  pending: readonly PendingSupplyAct[],
  role: 'engineer' | 'supervisor',
  locale: 'en' | 'zh-CN',
) =>
  renderForSpec(
    <SupplyActsCutOff view={{ pendingSupplyActs: pending, role }} busy={false} onSettle={() => undefined} />,
    locale,
  );

describe('supply acts a restart cut off, as the staff screen lists them for the next visit', () => {
  it('the question in words, the counts to look against, both answers offered', () => {
    const html = list([hopper], 'engineer', 'en');
    expect(html).toContain(
      'The refill of 5 into Blank cards by FS-0001 (2026-11-27 14:30) was cut off by a restart: was it loaded?',
    );
    expect(html).toContain('Journal count now: none · device count now: none · counted before loading: 40');
    expect(html).toContain('staff-supply-act-done');
    expect(html).toContain('staff-supply-act-notDone');
    expect(html).toContain('>Loaded<');
    expect(html).toContain('>Not loaded<');
  });

  it('zh-CN: the same question and answers', () => {
    const html = list([hopper], 'engineer', 'zh-CN');
    expect(html).toContain('因重启中断');
    expect(html).toContain('>已装入<');
    expect(html).toContain('>未装入<');
  });

  it('cash: an engineer sees it but is told a supervisor answers; a supervisor is offered the answers', () => {
    const engineer = list([cash], 'engineer', 'en');
    expect(engineer).toContain('was cut off by a restart: was it emptied?');
    expect(engineer).toContain('Cash: a supervisor answers this one.');
    expect(engineer).not.toContain('staff-supply-act-done');
    const supervisor = list([cash], 'supervisor', 'en');
    expect(supervisor).toContain('>Emptied<');
    expect(supervisor).not.toContain('a supervisor answers');
  });

  it('fault: two acts of one visit were one row keyed by the visit: each act its own row and answers', () => {
    const paper: PendingSupplyAct = { ...hopper, device: 'receiptPrinter', supply: 'paper', quantity: 2 };
    const html = list([hopper, paper], 'engineer', 'en');
    const rows = (id: string) => html.split(`data-testid="${id}"`).length - 1;
    expect(rows('staff-supply-act-JZ-9001-000004-cardPrinter-cardHopper')).toBe(1);
    expect(rows('staff-supply-act-JZ-9001-000004-receiptPrinter-paper')).toBe(1);
    expect(rows('staff-supply-act-done')).toBe(2);
    expect(html).toContain('The refill of 5 into Blank cards');
    expect(html).toContain('The refill of 2 into');
  });

  it('none cut off (or a daemon of an earlier release): nothing shown', () => {
    expect(list([], 'engineer', 'en')).toBe('');
    const older = renderForSpec(
      <SupplyActsCutOff view={{ role: 'engineer' }} busy={false} onSettle={() => undefined} />,
      'en',
    );
    expect(older).toBe('');
  });

  it('fault: a test dispense cut off by a restart: asked whether its notes went to the reject bin, in both languages', () => {
    const test: PendingSupplyAct = { ...cash, action: 'testDispense', quantity: 2, journalCount: 0 };
    const en = list([test], 'supervisor', 'en');
    expect(en).toContain(
      'The test dispense of 2 notes (one a cassette) by FS-0001 (2026-11-27 14:30) was cut off by a restart: did they go into the Cash reject bin (rejected notes)?',
    );
    expect(en).toContain('>In the reject bin<');
    expect(en).toContain('>Not in the reject bin<');
    const zh = list([test], 'supervisor', 'zh-CN');
    expect(zh).toContain('测试出钞（每个钞箱一张，共 2 张）因重启中断：钞票是否已进入废钞箱？');
    expect(zh).toContain('>已在废钞箱<');
    expect(zh).toContain('>不在废钞箱<');
  });
});
