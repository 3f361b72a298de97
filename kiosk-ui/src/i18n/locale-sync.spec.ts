import type { SessionView } from '@kiosk/domain';
import { localeAfterView } from './locale-sync';

const view = (over: Partial<SessionView> = {}): SessionView => ({
  sessionId: 's1',
  journey: 'balance',
  step: 'insertCard',
  locale: 'zh-CN',
  ...over,
});

describe('localeAfterView', () => {
  it('keeps the resident’s switch while the daemon has not echoed it yet', () => {
    expect(localeAfterView(view(), view({ step: 'readingCard' }), 'en')).toEqual({ locale: 'en' });
  });

  it('follows the daemon when the view’s locale changes', () => {
    expect(localeAfterView(view(), view({ locale: 'en' }), 'zh-CN')).toEqual({ locale: 'en' });
  });

  it('tells the daemon a language chosen before the session started', () => {
    expect(localeAfterView(null, view(), 'en')).toEqual({ locale: 'en', send: 'en' });
    expect(localeAfterView(null, view(), 'zh-CN')).toEqual({ locale: 'zh-CN' });
  });

  it('takes the session’s language after a reload in the middle of a session', () => {
    expect(localeAfterView(null, view({ locale: 'en' }), 'zh-CN')).toEqual({ locale: 'en' });
  });

  it('returns to zh-CN for the next resident when the session ends, and tells the daemon', () => {
    expect(localeAfterView(view({ locale: 'en', step: 'ended' }), null, 'en')).toEqual({
      locale: 'zh-CN',
      send: 'zh-CN',
    });
    expect(localeAfterView(view({ step: 'ended' }), null, 'zh-CN')).toEqual({ locale: 'zh-CN' });
  });

  it('keeps a choice made on the home screen while no session exists', () => {
    expect(localeAfterView(null, null, 'en')).toEqual({ locale: 'en' });
  });
});
