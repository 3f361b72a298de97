/**
 * Fault: the loss report's screens called a temporary loss report (临时挂失, RULES.md: it lapses
 * back to active after 15 days unless confirmed) a loss: "确认挂失此卡吗？", "挂失成功", "Card reported
 * lost", "the card cannot be used after the report", the words of the formal loss (挂失) a
 * replacement confirms. A resident read their card blocked for good, and was told how long it stays
 * so only where the host gave a day. Now both languages say temporary, and how it is made final.
 */
import { renderForSpec } from './render-for-spec';
import { presentationOf } from './step-presentations';
import { SessionScreen } from './session-screen';
import { balanceSession } from './sample-views';
import type { JourneyView } from '../gateway/proposed-contract';

function render(step: 'confirmLoss' | 'lossReported', locale: 'zh-CN' | 'en'): string {
  const view: JourneyView = {
    ...balanceSession({ journey: 'reportLoss', step }),
    details: { kind: 'reportLoss', mode: 'report' },
  };
  return renderForSpec(<SessionScreen view={view} presentation={presentationOf(step)} />, locale);
}

describe('fault: temporary-loss-told-as-formal-loss', () => {
  it.each(['confirmLoss', 'lossReported'] as const)('%s says the report is temporary, in Chinese', (step) => {
    const html = render(step, 'zh-CN');
    expect(html).toContain('临时挂失');
    expect(html).toContain('正式挂失');
  });

  it.each(['confirmLoss', 'lossReported'] as const)('%s says the report is temporary, in English', (step) => {
    const html = render(step, 'en');
    expect(html).toMatch(/temporar/i);
    expect(html).not.toContain('cannot be used after the report');
  });
});
