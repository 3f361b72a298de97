/**
 * The staff PIN prompt showed no digit count while the resident's does: the staff screen now says
 * how many digits of the PIN are on the pad, of how many, in the screen's language (the daemon's
 * count, never a digit), and nothing before the pad asks for the PIN.
 */
import { renderForSpec } from '../screens/render-for-spec';
import { StaffPinDigits } from './staff-pin-count';

describe('the staff PIN prompt’s digit count', () => {
  it.each([
    ['zh-CN', '已输入 3 位，共 6 位'],
    ['en', '3 of 6 digits entered'],
  ] as const)('says the digits entered and needed (%s)', (locale, words) => {
    const html = renderForSpec(<StaffPinDigits pin={{ entered: 3, length: 6 }} />, locale);
    expect(html).toContain(words);
    expect(html).toContain('data-entered="3"');
  });

  it('says nothing while the pad does not ask for the PIN yet', () => {
    expect(renderForSpec(<StaffPinDigits pin={null} />, 'en')).toBe('');
  });
});
