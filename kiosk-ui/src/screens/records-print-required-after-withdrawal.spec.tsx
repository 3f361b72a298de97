/**
 * Fault: a withdrawal whose record brought the card's log to its unprinted-records limit ended on a
 * plain "done": the resident learnt only at the card's next use, refused, that its records must be
 * printed first (RULES.md). The ended screen says so, in both languages, where the view says it
 * (`recordsPrintRequired`), and only there.
 */
import { ErrorCode, type KioskView } from '@kiosk/domain';
import type { JourneyView } from '../gateway/proposed-contract';
import { balanceSession } from './sample-views';
import { renderSession as render } from './session-screen.spec-support';

const ended = (printRequired: boolean): JourneyView =>
  balanceSession({
    journey: 'withdraw',
    step: 'ended',
    outcome: 'completed',
    ...(printRequired ? { recordsPrintRequired: true as const } : {}),
  });

describe('the ended screen after a withdrawal that brought the card to its unprinted-records limit', () => {
  it('says the records must be printed before the card is used again, in both languages', () => {
    const en = render(ended(true), 'en');
    expect(en).toContain('data-testid="records-print-required"');
    expect(en).toContain('print them at a kiosk (“Account records”) before you use the card again');
    expect(render(ended(true), 'zh-CN')).toContain('请先在自助机“明细查询”中打印交易明细，再使用此卡');
  });

  it('a withdrawal below the limit: no word of printing', () => {
    expect(render(ended(false), 'en')).not.toContain('records-print-required');
    expect(render(ended(false), 'zh-CN')).not.toContain('打印交易明细');
  });
});

/**
 * Fault: "anything else?" after a withdrawal that brought the card to its limit listed every
 * journey, each but the records refused with the card sent back. It offers only the records (and
 * the card back), the reason said in both languages.
 */
describe('"anything else?" with the card at its unprinted-records limit', () => {
  const kiosk: KioskView = {
    kioskId: 'JZ-9001',
    mode: 'inService',
    journeysOffered: ['balance', 'records', 'withdraw', 'changePin'],
    devices: [],
    demo: false,
  };
  const anythingElse = (printRequired: boolean): JourneyView =>
    balanceSession({
      journey: 'withdraw',
      step: 'chooseJourney',
      ...(printRequired ? { recordsPrintRequired: true as const } : {}),
    });
  const renderIn = (view: JourneyView, locale: 'zh-CN' | 'en') => render(view, locale, { kiosk });

  it('offers only printing the records and the card back, saying why, in both languages', () => {
    const en = renderIn(anythingElse(true), 'en');
    expect(en).toContain('data-testid="journey-records"');
    for (const other of ['balance', 'withdraw', 'changePin']) {
      expect(en).not.toContain(`data-testid="journey-${other}"`);
    }
    expect(en).toContain('print them now (“Account records”) to use the card for anything else');
    expect(en).toContain('Finish and return my card');
    const zh = renderIn(anythingElse(true), 'zh-CN');
    expect(zh).toContain('data-testid="journey-records"');
    expect(zh).not.toContain('data-testid="journey-withdraw"');
    expect(zh).toContain('请现在选择“明细查询”打印交易明细后再办理其他业务');
  });

  it('below the limit: every card service the kiosk offers, no word of printing', () => {
    const en = renderIn(anythingElse(false), 'en');
    expect(en).toContain('data-testid="journey-withdraw"');
    expect(en).toContain('data-testid="journey-balance"');
    expect(en).not.toContain('records-print-required');
  });

  // Fault (records-print-required-printer-down): the receipt printer unable to print, the records
  // journey was still offered there and could not print them
  it('records-print-required-printer-down: no journey, only the card back, sent to another kiosk, in both languages', () => {
    const down = { ...anythingElse(true), recordsPrintUnavailable: true as const };
    const en = renderIn(down, 'en');
    expect(en).not.toContain('data-testid="journey-');
    expect(en).toContain('This kiosk cannot print now: please print your records at another kiosk');
    expect(en).not.toContain('print them now (“Account records”)');
    expect(en).toContain('Finish and return my card');
    const zh = renderIn(down, 'zh-CN');
    expect(zh).not.toContain('data-testid="journey-');
    expect(zh).toContain('本机暂时无法打印：请到其他自助机打印交易明细后再使用此卡');
  });

  // Fault (records-limit-hint-says-choose-another): the hint under the title still said "Choose
  // another service with the same card" where none but the records (or, the printer down, none at
  // all) was offered
  it('records-limit-hint-says-choose-another: the hint says what is offered, in both languages', () => {
    const up = renderIn(anythingElse(true), 'en');
    expect(up).not.toContain('Choose another service');
    expect(up).toContain('Print your records (“Account records”), or finish to get your card back.');
    const down = { ...anythingElse(true), recordsPrintUnavailable: true as const };
    const en = renderIn(down, 'en');
    expect(en).not.toContain('Choose another service');
    expect(en).not.toContain('Print your records (“Account records”)');
    expect(en).toContain('<p class="screen-hint">Finish to get your card back.</p>');
    const zh = renderIn(down, 'zh-CN');
    expect(zh).not.toContain('可继续用本卡办理其他业务');
    expect(zh).toContain('<p class="screen-hint">请点击下方按钮结束并取回卡片。</p>');
    expect(renderIn(anythingElse(true), 'zh-CN')).toContain(
      '请选择“明细查询”打印交易明细，或点击下方按钮结束并取回卡片。',
    );
    // below the limit: another service, as ever
    expect(renderIn(anythingElse(false), 'en')).toContain('Choose another service with the same card');
  });

  // Fault (records-journey-sent-while-printer-down): the daemon refuses a journey sent there all the
  // same, CARD_RECORDS_PRINT_REQUIRED: what next is to print at another kiosk, said once, never
  // "choose Account records and print them"
  it('records-journey-sent-while-printer-down: the refusal sends the resident to another kiosk, once', () => {
    const refused = {
      ...anythingElse(true),
      recordsPrintUnavailable: true as const,
      error: { code: ErrorCode.CARD_RECORDS_PRINT_REQUIRED, message: 'print them at another kiosk' },
    };
    for (const [locale, elsewhere, here] of [
      [
        'en',
        'This kiosk cannot print now: please print your records at another kiosk',
        'Choose "Account records" and print them',
      ],
      ['zh-CN', '本机暂时无法打印：请到其他自助机打印交易明细后再使用此卡', '请选择“明细查询”并打印'],
    ] as const) {
      const html = renderIn(refused, locale);
      expect(html.split(elsewhere)).toHaveLength(2);
      expect(html).not.toContain(here);
    }
  });
});
