import { useTranslation } from 'react-i18next';
import type { Locale } from '@kiosk/domain';
import { catalogues } from './i18n';
import type { Messages } from './messages.en';

/** The catalogue of the language on screen, for structured entries (errors) that t() flattens. */
export function useMessages(): { messages: Messages; locale: Locale } {
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return { messages: catalogues[locale], locale };
}
