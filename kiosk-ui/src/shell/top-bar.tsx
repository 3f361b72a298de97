import { useTranslation } from 'react-i18next';
import type { Locale } from '@kiosk/domain';
import { LargeTextButton } from './large-text';

export interface DisplayOptions {
  readonly largeText: boolean;
  readonly highContrast: boolean;
  readonly spokenPrompts: boolean;
}

export interface TopBarProps {
  readonly locale: Locale;
  readonly onLocale: (locale: Locale) => void;
  readonly display: DisplayOptions;
  readonly onDisplay: (display: DisplayOptions) => void;
}

/** On every screen: the title, the language switch and the display options. */
export function TopBar({ locale, onLocale, display, onDisplay }: TopBarProps) {
  const { t } = useTranslation();
  const other: Locale = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <header className="top-bar">
      <h1 className="top-bar__title">{t('app.title')}</h1>
      <div className="top-bar__tools" role="group" aria-label={t('app.displayOptions')}>
        <LargeTextButton
          on={display.largeText}
          onSwitch={(largeText) => onDisplay({ ...display, largeText })}
        />
        <button
          type="button"
          className="tool-button"
          aria-pressed={display.highContrast}
          data-testid="high-contrast"
          onClick={() => onDisplay({ ...display, highContrast: !display.highContrast })}
        >
          <span aria-hidden="true">◐ </span>
          {t('app.highContrast')}
        </button>
        <button
          type="button"
          className="tool-button"
          aria-pressed={display.spokenPrompts}
          onClick={() => onDisplay({ ...display, spokenPrompts: !display.spokenPrompts })}
          data-testid="spoken-prompts"
        >
          <span aria-hidden="true">♪ </span>
          {t('app.voice')}
        </button>
        <button
          type="button"
          className="tool-button tool-button--language"
          lang={other}
          aria-label={t('app.languageSwitchLabel')}
          onClick={() => onLocale(other)}
          data-testid="language-switch"
        >
          {t('app.languageSwitch')}
        </button>
      </div>
    </header>
  );
}
