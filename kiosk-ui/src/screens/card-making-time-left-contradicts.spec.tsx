/**
 * Card making's last stage read "Up to 5 minutes · At most 0 min 30 s left": the longest it takes
 * beside a time left it contradicts, and "0 min". With a time left, only the time left is said,
 * in the units it has, in both languages.
 */
import type { Countdown } from '../countdown/countdown';
import { IssuanceProgress } from './issuance-progress';
import { renderForSpec } from './render-for-spec';

const left = (secondsLeft: number): Countdown => ({
  secondsLeft,
  warning: false,
  expired: false,
  remainingShare: 1,
});
const progress = { stage: 'presenting' } as const;

function hint(countdown: Countdown | null, locale: 'en' | 'zh-CN', percent?: number): string {
  const html = renderForSpec(
    <IssuanceProgress
      progress={{ ...progress, ...(percent !== undefined ? { percent } : {}) }}
      countdown={countdown}
    />,
    locale,
  );
  return /<p class="screen-hint"[^>]*>([^<]*)<\/p>/.exec(html)![1]!;
}

describe('how long card making may still take', () => {
  it('30 s left: only the seconds, no "up to 5 minutes", no "0 min"', () => {
    expect(hint(left(30), 'en')).toBe('At most 30 s left');
    expect(hint(left(30), 'zh-CN')).toBe('最多还需 30 秒');
  });

  it('whole minutes left: no "0 s"', () => {
    expect(hint(left(120), 'en')).toBe('At most 2 min left');
    expect(hint(left(120), 'zh-CN')).toBe('最多还需 2 分钟');
  });

  it('minutes and seconds left, after the percentage when one is sent', () => {
    expect(hint(left(95), 'en', 40)).toBe('40% done · At most 1 min 35 s left');
    expect(hint(left(95), 'zh-CN', 40)).toBe('已完成 40% · 最多还需 1 分 35 秒');
  });

  it('no time left known: the longest it takes', () => {
    expect(hint(null, 'en')).toBe('Up to 5 minutes');
    expect(hint(null, 'zh-CN')).toBe('最长约 5 分钟');
  });
});
