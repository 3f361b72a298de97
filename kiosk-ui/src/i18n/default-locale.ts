import type { Locale } from '@kiosk/domain';

export const DEFAULT_LOCALE: Locale = 'zh-CN';
