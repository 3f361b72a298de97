/** i18next with the two catalogues bundled: no loading, no language detection (zh-CN first). */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@kiosk/domain';
import { en } from './messages.en';
import { zhCN } from './messages.zh-CN';
import { DEFAULT_LOCALE } from './default-locale';

export { DEFAULT_LOCALE };

export const catalogues = { 'zh-CN': zhCN, en } as const;

export function createI18n(locale: Locale = DEFAULT_LOCALE): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: ['zh-CN', 'en'],
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
