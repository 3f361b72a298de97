import { ErrorCode, type KioskView } from '@kiosk/domain';
import { balanceSession } from './sample-views';
import { renderSession as render } from './session-screen.spec-support';
import type { JourneyView } from '../gateway/proposed-contract';

describe('SessionScreen', () => {
  it('shows how many PIN digits are in, never which, and the attempts left', () => {
    const html = render(
      balanceSession({ step: 'enterPin', pin: { entered: 3, length: 6, attemptsLeft: 2 } }),
      'en',
    );
    expect(html.match(/pin-dot--filled/g)).toHaveLength(3);
    expect(html.match(/class="pin-dot[ "]/g)).toHaveLength(6);
    expect(html).toContain('3 of 6 digits entered');
    expect(html).toContain('2 attempts left');
  });

  it('shows the balance in yuan with the masked card and name', () => {
    const html = render(
      balanceSession({
        step: 'showBalance',
        card: { maskedCardNumber: 'H41******101', maskedName: '张*明' },
        balance: { amountFen: 123456, asOf: '2026-11-26T12:00:00.000Z' },
      }),
    );
    expect(html).toContain('¥ 1234.56');
    expect(html).toContain('H41******101');
    expect(html).toContain('张*明');
    expect(html).toContain('结束并退卡');
  });

  it('says what went wrong and what to do next for a refusal, in the language on screen', () => {
    const view = balanceSession({ step: 'enterPin', error: { code: ErrorCode.PIN_WRONG, message: 'wrong' } });
    expect(render(view)).toContain('请重新输入密码');
    expect(render(view, 'en')).toContain('Please enter the PIN again.');
  });

  it('offers cancel while waiting for the card but not while the card is being read', () => {
    expect(render(balanceSession({ step: 'insertCard' }))).toContain('data-testid="cancel"');
    expect(render(balanceSession({ step: 'readingCard' }))).not.toContain('data-testid="cancel"');
  });

  it('asks "need more time?" once the warning time has passed', () => {
    const now = Date.now();
    const waiting = balanceSession({
      step: 'insertCard',
      deadline: { at: now + 20_000, warnAt: now + 10_000 },
    });
    const warned = balanceSession({ step: 'insertCard', deadline: { at: now + 9_000, warnAt: now - 1_000 } });
    expect(render(waiting)).not.toContain('more-time-prompt');
    expect(render(warned)).toContain('需要更多时间吗');
  });

  it('titles the end of a session after its outcome', () => {
    expect(render(balanceSession({ step: 'ended', outcome: 'cardRetracted' }), 'en')).toContain(
      'Your card was kept',
    );
  });

  it('shows no countdown while the kiosk works and nobody is asked anything', () => {
    const now = Date.now();
    const html = render(
      balanceSession({ step: 'verifyingPin', deadline: { at: now + 30_000, warnAt: now + 30_000 } }),
    );
    expect(html).not.toContain('data-testid="countdown"');
  });

  it('offers whole-note amounts up to the maximum on the withdrawal screen', () => {
    const view: JourneyView = {
      ...balanceSession({ journey: 'withdraw', step: 'chooseAmount' }),
      details: {
        kind: 'withdraw',
        largestFen: 30_000,
        noteFen: 10_000,
        singleMaxFen: 50_000,
        withdrawalsLeftToday: 1,
        receiptAvailable: false,
      },
    };
    const html = render(view);
    expect(html.match(/data-testid="amount-/g)).toHaveLength(3);
    expect(html).toContain('支取 300 元');
    expect(html).toContain('今日还可支取 1 次');
    expect(html).toContain('本机暂时无法打印凭条');
  });

  it('offers only the amounts the notes left make, and words their refusal in both languages', () => {
    const view: JourneyView = {
      ...balanceSession({
        journey: 'withdraw',
        step: 'chooseAmount',
        error: { code: ErrorCode.CASH_AMOUNT_NOT_PAYABLE, message: 'not payable' },
      }),
      details: {
        kind: 'withdraw',
        largestFen: 25_000,
        amountsFen: [5_000, 10_000, 20_000, 25_000],
        noteFen: 5_000,
        singleMaxFen: 50_000,
        receiptAvailable: true,
      },
    };
    const zh = render(view);
    expect(zh.match(/data-testid="amount-/g)).toHaveLength(4);
    expect(zh).not.toContain('data-testid="amount-15000"');
    expect(zh).toContain('本机现有钞票无法支付该金额');
    expect(render(view, 'en')).toContain('cannot pay out this amount with the notes it holds');
  });

  it('shows the card-making stages with the current one marked in words', () => {
    const view: JourneyView = {
      ...balanceSession({ journey: 'issueCard', step: 'makingCard' }),
      progress: { stage: 'printingFace', percent: 60 },
    };
    const html = render(view, 'en');
    expect(html).toContain('aria-valuenow="60"');
    expect(html).toContain('Printing the card face<span class="sr-only"> (now)</span>');
    expect(html).toContain('Writing the chip<span class="sr-only"> (done)</span>');
    expect(html).not.toContain('data-testid="cancel"');
  });

  it('offers the replacement fee by QR code or from the account, with the amount', () => {
    const view: JourneyView = {
      ...balanceSession({ journey: 'replaceCard', step: 'payFee' }),
      details: { kind: 'issueCard', feeDueFen: 2000, feePaid: false, attempt: 0, maxAttempts: 3 },
    };
    const zh = render(view);
    expect(zh).toContain('费用：20.00 元');
    expect(zh).toContain('扫码支付');
    expect(zh).toContain('个人账户支付');
    expect(zh).toContain('data-testid="cancel"');
    const en = render(view, 'en');
    expect(en).toContain('Pay by QR code');
    expect(en).toContain('Pay from my account');
    expect(en).not.toContain('data-testid="primary"');
  });

  it('asks for the current PIN when changing it, and says the PIN was changed', () => {
    const enter = balanceSession({ journey: 'changePin', step: 'enterPin', pin: { entered: 0, length: 6 } });
    expect(render(enter, 'en')).toContain('Enter your current PIN');
    expect(render(enter)).toContain('请输入当前密码');
    expect(render(balanceSession({ journey: 'changePin', step: 'pinSaved' }), 'en')).toContain('PIN changed');
    // other journeys keep the step's own words
    expect(render(balanceSession({ step: 'enterPin', pin: { entered: 0, length: 6 } }), 'en')).toContain(
      'Enter your PIN on the keypad',
    );
  });

  it('asks for the holder’s ID card to reset a PIN, and says the card is unlocked', () => {
    const place = balanceSession({ journey: 'resetPin', step: 'placeIdCard' });
    expect(render(place, 'en')).toContain('ID card of the card holder');
    expect(render(place)).toContain('请放置居民身份证以重置密码');
    expect(render(balanceSession({ journey: 'resetPin', step: 'pinSaved' }), 'en')).toContain(
      'Your card is unlocked',
    );
  });

  it('says why a new PIN was refused as weak, and how many tries are left', () => {
    const view: JourneyView = {
      ...balanceSession({
        journey: 'activatePin',
        step: 'enterNewPin',
        pin: { entered: 0, length: 6 },
        error: { code: 'PIN_WEAK', message: 'weak' },
      }),
      details: { kind: 'newPin', triesLeft: 2, weakRule: 'birthDate' },
    };
    const html = render(view, 'en');
    expect(html).toContain('Your birth date is too easy to guess.');
    expect(html).toContain('2 tries left');
  });

  it('does not offer more time for a card at the slot, which is retracted on time anyway', () => {
    const now = Date.now();
    const html = render(
      balanceSession({ step: 'takeCard', deadline: { at: now + 9_000, warnAt: now - 1_000 } }),
    );
    expect(html).toContain('data-testid="countdown"');
    expect(html).not.toContain('more-time-prompt');
  });

  it('names the card, masked, before a loss is confirmed', () => {
    const html = render(
      balanceSession({
        journey: 'reportLoss',
        step: 'confirmLoss',
        card: { maskedCardNumber: 'H41******101', maskedName: '张*明' },
      }),
      'en',
    );
    expect(html).toContain('张*明 · H41******101');
    expect(html).toContain('Yes, report it lost');
  });

  it('a card reported lost already: asks to unfreeze it, in its own words, in both languages', () => {
    const unfreeze = { details: { kind: 'reportLoss', mode: 'unfreeze' } } as const;
    const lost: JourneyView = {
      ...balanceSession({
        journey: 'reportLoss',
        step: 'confirmLoss',
        card: { maskedCardNumber: 'H41******102', maskedName: '李*英' },
      }),
      ...unfreeze,
    };
    const en = render(lost, 'en');
    expect(en).toContain('Your card is reported lost. Unfreeze it?');
    expect(en).toContain('Yes, unfreeze my card');
    expect(en).not.toContain('Yes, report it lost');
    const zh = render(lost, 'zh-CN');
    expect(zh).toContain('此卡已挂失，是否解挂？');
    expect(zh).toContain('确认解挂');
    const done: JourneyView = {
      ...balanceSession({ journey: 'reportLoss', step: 'lossReported' }),
      ...unfreeze,
    };
    expect(render(done, 'en')).toContain('Card unfrozen');
  });

  it('"anything else?" with the card in: the card services the kiosk offers now, and finishing', () => {
    const kiosk: KioskView = {
      kioskId: 'JZ-9001',
      mode: 'degraded',
      journeysOffered: ['balance', 'records', 'reportLoss', 'issueCard'],
      devices: [],
      demo: false,
    };
    const view = balanceSession({ journey: 'records', step: 'chooseJourney' });
    const html = render(view, 'en', { kiosk });
    expect(html).toContain('data-testid="further-journeys"');
    expect(html).toContain('data-testid="journey-balance"');
    expect(html).toContain('data-testid="journey-records"');
    // not offered now (no cash), or not a service that follows on with the card in
    expect(html).not.toContain('data-testid="journey-withdraw"');
    expect(html).not.toContain('data-testid="journey-issueCard"');
    expect(html).toContain('Finish and return my card');
  });

  it('ends a journey without a card in the reader with "done", not "return my card"', () => {
    const html = render(balanceSession({ journey: 'reportLoss', step: 'lossReported' }), 'en');
    expect(html).toContain('>Done<');
    expect(html).not.toContain('return my card');
    expect(render(balanceSession({ step: 'showBalance' }), 'en')).toContain('Finish and return my card');
  });
});
