/**
 * Fault: after a withdrawal the done screen always said "count your cash and take the receipt"
 * (请当面点清现金并取走凭条), also when no receipt was printed (the printer refused it, did not
 * answer, or none could be printed from the start): the resident waited at the slot for a receipt
 * that never came, or thought the kiosk kept it. The screen now says plainly that no receipt was
 * printed and where a record of the withdrawal is had (the account records, printed at another
 * kiosk or at a service counter); a printed receipt is still to be taken.
 */
import type { JourneyView } from '../gateway/proposed-contract';
import { balanceSession, withdrawalDone } from './sample-views';
import { renderSession as render } from './session-screen.spec-support';

const done = (receiptPrinted?: boolean): JourneyView => ({
  ...balanceSession({ journey: 'withdraw', step: 'cashWithdrawn' }),
  details: withdrawalDone(receiptPrinted !== undefined ? { receiptPrinted } : {}),
});

/** The screen's hint, its markup dropped. */
const hintOf = (html: string): string =>
  /<p class="screen-hint">(.*?)<\/p>/s.exec(html)?.[1]?.replace(/<[^>]+>/g, '') ?? '';

describe('fault: the withdrawal’s done screen says take the receipt when none was printed', () => {
  it('no receipt printed: says so, and where the account records are printed, in both languages', () => {
    const en = hintOf(render(done(false), 'en'));
    const zh = hintOf(render(done(false), 'zh-CN'));
    expect(en).toContain('count your cash');
    expect(en).toContain('No receipt was printed');
    expect(en).toContain('Account records');
    expect(en).toContain('counter');
    expect(en).not.toMatch(/take the receipt/i);
    expect(zh).toContain('点清现金');
    expect(zh).toContain('未打印凭条');
    expect(zh).toContain('明细查询');
    expect(zh).toContain('服务窗口');
    expect(zh).not.toContain('取走凭条');
  });

  it('the receipt printed: take it, in both languages', () => {
    expect(hintOf(render(done(true), 'en'))).toBe('Please count your cash and take the receipt.');
    expect(hintOf(render(done(true), 'zh-CN'))).toBe('请当面点清现金并取走凭条。');
  });
});
