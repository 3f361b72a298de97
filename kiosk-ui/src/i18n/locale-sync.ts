/**
 * Which language the screen shows when a new session view arrives. The resident's switch acts at
 * once; the daemon's echo confirms it; a new resident starts in the default language.
 */
import type { Locale, SessionView } from '@kiosk/domain';
import { DEFAULT_LOCALE } from './default-locale';

export interface LocaleDecision {
  readonly locale: Locale;
  /** tell the daemon this locale (the resident chose it before the session started) */
  readonly send?: Locale;
}

export function localeAfterView(
  previous: SessionView | null,
  next: SessionView | null,
  current: Locale,
): LocaleDecision {
  if (next === null) {
    if (previous === null) return { locale: current };
    // the daemon keeps the last locale set: reset it too, or the next resident's session would
    // start in the previous resident's language
    return previous.locale === DEFAULT_LOCALE
      ? { locale: DEFAULT_LOCALE }
      : { locale: DEFAULT_LOCALE, send: DEFAULT_LOCALE };
  }
  if (previous === null || previous.sessionId !== next.sessionId) {
    if (next.locale === current) return { locale: current };
    // a language picked on the home screen wins; otherwise follow the session (e.g. after a reload)
    return current !== DEFAULT_LOCALE ? { locale: current, send: current } : { locale: next.locale };
  }
  if (previous.locale !== next.locale) return { locale: next.locale };
  return { locale: current };
}
