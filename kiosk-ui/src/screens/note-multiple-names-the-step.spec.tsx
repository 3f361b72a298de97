/**
 * Fault: an amount in no steps of the smallest note held (WITHDRAWAL_NOT_NOTE_MULTIPLE) was worded
 * "for example 100 yuan steps" (例如 100 元的整数倍) whatever the kiosk held, though the step is
 * the smallest note held (ADR 0021): with 20-yuan and 50-yuan notes loaded the resident refused 50
 * yuan read that 100-yuan steps would do. The next step now names the step the kiosk takes now,
 * as the amount screen's own hint does, in both languages.
 */
import { ErrorCode } from '@kiosk/domain';
import type { JourneyView } from '../gateway/proposed-contract';
import { balanceSession } from './sample-views';
import { renderSession as render } from './session-screen.spec-support';

const refusedAt = (noteFen: number): JourneyView => ({
  ...balanceSession({
    journey: 'withdraw',
    step: 'chooseAmount',
    error: { code: ErrorCode.WITHDRAWAL_NOT_NOTE_MULTIPLE, message: 'not a multiple' },
  }),
  details: {
    kind: 'withdraw',
    largestFen: 20_000,
    noteFen,
    singleMaxFen: 50_000,
    receiptAvailable: true,
  },
});

/** The refusal's what-next line, its markup dropped. */
const nextOf = (html: string): string =>
  /<p class="error-box__next">(.*?)<\/p>/s.exec(html)?.[1]?.replace(/<[^>]+>/g, '') ?? '';

describe('note multiple names the step', () => {
  it.each([
    [2_000, '20'],
    [5_000, '50'],
    [10_000, '100'],
  ])('the smallest note held %i fen: the refusal names %s-yuan steps, in both languages', (noteFen, yuan) => {
    const en = nextOf(render(refusedAt(noteFen), 'en'));
    const zh = nextOf(render(refusedAt(noteFen), 'zh-CN'));
    expect(en).toContain(`in steps of ${yuan} yuan`);
    expect(zh).toContain(`${yuan} 元整数倍`);
    if (yuan !== '100') {
      expect(en).not.toContain('100');
      expect(zh).not.toContain('100');
    }
  });
});
