import type { CardBlanksReconciliation, ReconciliationReport } from '@kiosk/domain';
import { renderForSpec } from '../screens/render-for-spec';
import { ReconciliationTable } from './reconciliation-table';

const balanced: CardBlanksReconciliation = {
  hopperBefore: 40,
  loaded: 20,
  issued: 3,
  spoiled: 2,
  missing: 0,
  remaining: 55,
  difference: 0,
  reconciles: true,
};

const report = (cardBlanks?: CardBlanksReconciliation): ReconciliationReport => ({
  since: '2026-11-01T00:00:00.000Z',
  lines: [],
  ...(cardBlanks && { cardBlanks }),
});

describe('the card blanks in the reconciliation report', () => {
  it('a normal day: every count shown, the difference 0 and reconciled', () => {
    const html = renderForSpec(<ReconciliationTable report={report(balanced)} />, 'en');
    expect(html).toContain('data-testid="staff-card-blanks"');
    expect(html).toContain('Issued to residents');
    expect(html).toMatch(/Issued to residents<\/th><td>3</);
    expect(html).toMatch(/Spoiled \(reject bin\)<\/th><td>2</);
    expect(html).toContain('data-reconciles="true"');
  });

  it('fault: a shortfall: the difference said in words, in both languages, not reconciled', () => {
    const short = { ...balanced, remaining: 53, difference: 2, reconciles: false };
    const en = renderForSpec(<ReconciliationTable report={report(short)} />, 'en');
    expect(en).toContain('data-reconciles="false"');
    expect(en).toContain('2 blanks not accounted for');
    const zh = renderForSpec(<ReconciliationTable report={report(short)} />, 'zh-CN');
    expect(zh).toContain('2 张空白卡去向不明');
  });

  it('fault: a reject bin nobody counts: spoiled and the difference shown as not counted, never 0', () => {
    const html = renderForSpec(
      <ReconciliationTable
        report={report({ ...balanced, spoiled: null, difference: null, reconciles: false })}
      />,
      'en',
    );
    expect(html).toMatch(/Spoiled \(reject bin\)<\/th><td>not counted</);
    expect(html).not.toContain('>reconciles<');
  });

  it('no card printer counts in the period: no card blanks table', () => {
    expect(renderForSpec(<ReconciliationTable report={report()} />, 'en')).not.toContain('staff-card-blanks');
  });
});
