/**
 * Fault: a card at its unprinted-records limit, shown its records on a kiosk that cannot print now
 * (no paper, printer down), was told to "choose Account records and print them" - on the very
 * screen with no print button. It is told the card needs printing and that this kiosk cannot
 * print now, in both languages; with a printer the code's own advice stays.
 */
import { ErrorCode } from '@kiosk/domain';
import { balanceSession } from './sample-views';
import type { JourneyView } from '../gateway/proposed-contract';
import { renderSession as render } from './session-screen.spec-support';

function atLimit(printAvailable: boolean): JourneyView {
  return {
    ...balanceSession({
      journey: 'records',
      step: 'showRecords',
      error: { code: ErrorCode.CARD_RECORDS_PRINT_REQUIRED, message: 'print required' },
    }),
    details: {
      kind: 'records',
      records: [
        { at: '2026-11-20T09:00:00Z', kind: 'medicalPayment', amountFen: -2350, balanceAfterFen: 354430 },
      ],
      unprintedCount: 60,
      recordsUntilPrintRequired: 0,
      printAvailable,
      printed: false,
    },
  };
}

describe('records print required, kiosk cannot print', () => {
  it('fault: told to print here with no printer - English', () => {
    const html = render(atLimit(false), 'en');
    expect(html).toContain('The card needs its records printed before it can be used again.');
    expect(html).toContain('This kiosk cannot print now');
    expect(html).not.toContain('Choose &quot;Account records&quot; and print them.');
    expect(html).not.toContain('data-testid="primary"');
  });

  it('fault: told to print here with no printer - Chinese', () => {
    const html = render(atLimit(false), 'zh-CN');
    expect(html).toContain('此卡需先打印交易明细才能继续使用。');
    expect(html).toContain('本机暂时无法打印：请到其他自助机打印交易明细后再使用此卡。');
    expect(html).not.toContain('请选择“明细查询”并打印。');
  });

  it('with a printer: the print action and the advice to print', () => {
    const html = render(atLimit(true), 'en');
    expect(html).not.toContain('This kiosk cannot print now');
    expect(html).toContain('data-testid="primary"');
  });
});
