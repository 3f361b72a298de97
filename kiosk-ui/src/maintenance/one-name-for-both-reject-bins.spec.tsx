/**
 * The staff screen called the card printer's reject bin (spoiled cards) and the dispenser's
 * reject bin (rejected notes) by one name, 废卡/废钞箱 in Chinese and "Reject bin" in English, so
 * staff emptying one could not tell from its name which bin a row or a cut-off act meant. Each bin
 * now has its own name in both languages, the dispenser's retract bin a third.
 */
import type { MaintenanceSupplyView } from '@kiosk/domain';
import { createI18n } from '../i18n/i18n';
import { supplyName } from './supply-row';
import { renderSupplyRow } from './supply-row.spec-support';

const bin = (device: string, supply: string): MaintenanceSupplyView => ({
  device: device as MaintenanceSupplyView['device'],
  supply,
  role: 'bin',
  unit: device === 'cardPrinter' ? 'cards' : 'notes',
  level: 'ok',
  count: 3,
  capacity: 20,
  countedBy: 'device',
  denominationFen: null,
  journalCount: 3,
  allowed: true,
});

const BINS = [
  bin('cardPrinter', 'rejectBin'),
  bin('cashDispenser', 'rejectBin'),
  bin('cashDispenser', 'retractBin'),
];

describe('the reject bins on the staff screen', () => {
  it.each(['zh-CN', 'en'] as const)('names each bin its own way in %s', async (locale) => {
    const i18n = createI18n();
    await i18n.changeLanguage(locale);
    const names = BINS.map((b) => supplyName(i18n.t.bind(i18n), b));
    expect(new Set(names).size).toBe(BINS.length);
    for (const name of names) expect(name).not.toMatch(/\//);
  });

  it('calls the card printer’s bin the card reject bin and the dispenser’s the cash reject bin', () => {
    const [cards, cash] = BINS.map((b) => ({
      zh: renderSupplyRow(b, 'zh-CN'),
      en: renderSupplyRow(b, 'en'),
    }));
    expect(cards?.zh).toContain('<strong>废卡箱</strong>');
    expect(cash?.zh).toContain('<strong>废钞箱</strong>');
    expect(cards?.en).toMatch(/<strong>Card reject bin[^<]*<\/strong>/);
    expect(cash?.en).toMatch(/<strong>Cash reject bin[^<]*<\/strong>/);
  });
});
