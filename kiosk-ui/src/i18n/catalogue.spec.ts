import { DEVICE_KINDS, ErrorCode, JOURNEYS, ServiceReason } from '@kiosk/domain';
import { en } from './messages.en';
import { zhCN } from './messages.zh-CN';
import { createI18n } from './i18n';
import { errorText, reasonText } from './error-text';
import { STEP_PRESENTATIONS } from '../screens/step-presentations';

const catalogues = { en, 'zh-CN': zhCN };

function leafKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafKeys(child, prefix ? `${prefix}.${key}` : key));
}

describe('message catalogue', () => {
  it.each(Object.entries(catalogues))(
    '%s has what happened and what to do for every error code',
    (_, messages) => {
      const missing = Object.values(ErrorCode).filter((code) => {
        const entry = messages.errors[code];
        return entry === undefined || entry.what.trim() === '' || entry.next.trim() === '';
      });
      expect(missing).toEqual([]);
    },
  );

  it('words every service reason for the resident in both languages, never the code, the Chinese not the English', () => {
    const unworded = Object.values(ServiceReason).filter((reason) => {
      const [english, chinese] = [reasonText(en, reason), reasonText(zhCN, reason)];
      return english === reason || chinese === reason || english.trim() === '' || chinese === english;
    });
    expect(unworded).toEqual([]);
  });

  it.each(Object.entries(catalogues))('%s names every device kind on the staff screens', (_, messages) => {
    const names: Partial<Record<string, string>> = messages.staff.deviceNames;
    expect(DEVICE_KINDS.filter((kind) => (names[kind] ?? '').trim() === '')).toEqual([]);
  });

  it('has the same keys in both languages', () => {
    expect(leafKeys(zhCN).sort()).toEqual(leafKeys(en).sort());
  });

  it.each(Object.entries(catalogues))('%s names every journey', (_, messages) => {
    for (const journey of JOURNEYS) expect(messages.journeys[journey].title).not.toBe('');
  });

  it('titles every step that has a screen and words every button, in both languages', async () => {
    const i18n = createI18n();
    for (const locale of ['zh-CN', 'en']) {
      await i18n.changeLanguage(locale);
      for (const [step, presentation] of Object.entries(STEP_PRESENTATIONS)) {
        expect([step, i18n.exists(`steps.${step}.title`)]).toEqual([step, true]);
        for (const action of [presentation.primary, presentation.cancel]) {
          if (action) expect([step, i18n.exists(action.label)]).toEqual([step, true]);
        }
      }
    }
  });

  it('really differs between languages, so the switch is visible', () => {
    expect(zhCN.errors.PIN_WRONG?.what).not.toEqual(en.errors.PIN_WRONG?.what);
    expect(zhCN.app.languageSwitch).toBe('English');
    expect(en.app.languageSwitch).toBe('中文');
  });

  it('falls back to the daemon message for a code not yet translated', () => {
    expect(errorText(en, 'SOME_NEW_CODE', 'Printer lid open')).toEqual({
      what: 'Printer lid open',
      next: en.errors.INTERNAL?.next,
    });
  });

  it('words the kiosk view’s reasons, service reasons and error codes alike', () => {
    expect(reasonText(zhCN, 'CARD_PRINTER_DOWN')).toBe('本机暂时不能制卡。');
    expect(reasonText(en, 'DEVICE_OFFLINE')).toBe(en.errors.DEVICE_OFFLINE?.what);
    expect(reasonText(en, 'SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });

  it('starts in zh-CN and switches to English through i18next', async () => {
    const i18n = createI18n();
    expect(i18n.t('kiosk.chooseService')).toBe('请选择业务');
    await i18n.changeLanguage('en');
    expect(i18n.t('kiosk.chooseService')).toBe('Choose a service');
    expect(i18n.t('pin.attemptsLeft', { count: 1 })).toBe('1 attempt left');
    expect(i18n.t('pin.attemptsLeft', { count: 2 })).toBe('2 attempts left');
  });
});
