/**
 * Changing the PIN through the real daemon: card + current PIN, the new PIN twice, CHANGE
 * REFERENCE DATA on the virtual card, journaled. Every refusal leaves the card's PIN as it was.
 * The back office is a host simulator in this process (the daemon talks to it as an external
 * host), so a test can report a card lost at the host in the middle of a session.
 */
import { DEMO_RESIDENTS, type DemoResident } from '@kiosk/domain';
import { daemonOnHostHere } from './daemon-on-host-here.js';
import {
  expectPinAnswers,
  expectPinLockedAtRead,
  journalSteps,
  lastTransactionClosed,
  takeCardBack,
  typePin,
} from './pin-journeys.helpers.js';
import { secretsShownIn } from './secrets-shown.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
const zhao = DEMO_RESIDENTS.find((r) => r.key === 'zhao')!; // made, not yet activated: default PIN
const NEW_PIN = '730194';
const OTHER_PIN = '730195';

describe('change PIN through the real daemon', () => {
  const suite = daemonOnHostHere();
  /** The holder reports the card lost at the back office (another counter, the phone line). */
  const reportLossAtHost = (resident: DemoResident, action: string) =>
    suite.cardStateAtHost(resident, action);
  /** how often the kiosk asked the host for the state of `resident`'s card */
  const cardStateAsks = (resident: DemoResident) =>
    suite.host.state.audit.filter(
      (a) => a.cardNumber === resident.cardNumber && a.action === 'GET /v1/cards/:cardNumber',
    ).length;

  beforeAll(async () => {
    await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('changePin'));
  }, 30_000);

  /** changePin with `card`, up to the new-PIN screen (the current PIN typed and accepted). */
  async function toNewPin(cardId: string, currentPin: string): Promise<void> {
    await suite.ui.startWithCardAndPin('changePin', cardId, currentPin);
    await suite.ui.waitForSession((v) => v?.step === 'enterNewPin');
  }

  it('keeps the PIN screen after six digits until Enter, then changes the PIN; only the new PIN works', async () => {
    expect(await suite.ui.emit('session.start', { journey: 'changePin' })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'insertCard');
    await suite.ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
    await suite.ui.waitForSession((v) => v?.step === 'enterPin');
    for (const key of zhang.cardPin) await suite.ui.emit('demo.pinpad', { key });
    await suite.ui.waitForSession((v) => v?.pin?.entered === 6);
    // the glitch: six digits typed is not yet a PIN sent to the card. A later command's answer
    // comes after every view the six digits changed (views go out at the end of each turn)
    expect(await suite.ui.emit('locale.set', { locale: 'zh-CN' })).toEqual({ ok: true });
    expect(suite.ui.session?.step).toBe('enterPin');
    expect(suite.ui.traffic.some((t) => t.includes('"step":"verifyingPin"'))).toBe(false);
    await suite.ui.emit('demo.pinpad', { key: 'enter' });

    await suite.ui.waitForSession((v) => v?.step === 'enterNewPin');
    await typePin(suite.ui, NEW_PIN);
    await suite.ui.waitForSession((v) => v?.step === 'confirmNewPin');
    await typePin(suite.ui, NEW_PIN);
    await suite.ui.waitForSession((v) => v?.step === 'pinSaved');
    await suite.ui.emit('session.command', { command: 'finish' });
    await suite.ui.waitForSession((v) => v?.step === 'chooseJourney');
    await suite.ui.emit('session.command', { command: 'finish' });
    await takeCardBack(suite.ui);

    expect(journalSteps(suite.daemon.journalPath, 'changePin')).toEqual(
      expect.arrayContaining(['pin.verify:event', 'card.changePin:intent', 'card.changePin:done']),
    );
    await expectPinAnswers(suite.ui, zhang.key, zhang.cardPin, { code: 'PIN_WRONG', attemptsLeft: 2 });
    await expectPinAnswers(suite.ui, zhang.key, NEW_PIN, 'ok');
    expect(secretsShownIn(suite.ui.traffic.join('\n'), [NEW_PIN, zhang.cardPin])).toEqual([]);
    expect(secretsShownIn(suite.daemon.output.join('\n'), [NEW_PIN, zhang.cardPin])).toEqual([]);
  }, 120_000);

  it('refuses a weak new PIN with PIN_WEAK and leaves the PIN as it was', async () => {
    await toNewPin(li.key, li.cardPin);
    await typePin(suite.ui, '111111');
    const weak = await suite.ui.waitForSession((v) => v?.error?.code === 'PIN_WEAK');
    expect(weak?.step).toBe('enterNewPin');
    expect(weak?.details).toMatchObject({ kind: 'newPin', weakRule: 'repeated', triesLeft: 2 });
    await suite.ui.emit('session.command', { command: 'cancel' });
    await takeCardBack(suite.ui);
    await expectPinAnswers(suite.ui, li.key, li.cardPin, 'ok');
  }, 90_000);

  it('refuses a confirmation that differs with PIN_MISMATCH and leaves the PIN as it was', async () => {
    await toNewPin(li.key, li.cardPin);
    await typePin(suite.ui, NEW_PIN);
    await suite.ui.waitForSession((v) => v?.step === 'confirmNewPin');
    await typePin(suite.ui, OTHER_PIN);
    const mismatch = await suite.ui.waitForSession((v) => v?.error?.code === 'PIN_MISMATCH');
    expect(mismatch?.step).toBe('enterNewPin');
    await suite.ui.emit('session.command', { command: 'cancel' });
    await takeCardBack(suite.ui);
    await expectPinAnswers(suite.ui, li.key, NEW_PIN, { code: 'PIN_WRONG', attemptsLeft: 2 });
    await expectPinAnswers(suite.ui, li.key, li.cardPin, 'ok');
  }, 90_000);

  it('refuses a wrong current PIN with PIN_WRONG and the tries left, and changes nothing', async () => {
    const changes = () =>
      journalSteps(suite.daemon.journalPath, 'changePin').filter((s) => s.startsWith('card.changePin'))
        .length;
    const before = changes();
    await suite.ui.startWithCardAndPin('changePin', li.key, '000000');
    const wrong = await suite.ui.waitForSession((v) => v?.error?.code === 'PIN_WRONG');
    expect(wrong).toMatchObject({ step: 'enterPin', pin: { entered: 0, attemptsLeft: 2 } });
    await suite.ui.emit('session.command', { command: 'cancel' });
    await takeCardBack(suite.ui);
    expect(changes()).toBe(before);
    await expectPinAnswers(suite.ui, li.key, li.cardPin, 'ok');
  }, 90_000);

  it('refuses a blocked card with PIN_BLOCKED after the third wrong PIN, returning the card unchanged', async () => {
    await suite.ui.startWithCardAndPin('changePin', li.key, '000001');
    for (const [pin, left] of [
      ['000002', 1],
      ['000003', 0],
    ] as const) {
      await suite.ui.waitForSession((v) => v?.step === 'enterPin' && v.pin?.attemptsLeft === left + 1);
      await typePin(suite.ui, pin);
    }
    const blocked = await suite.ui.waitForSession((v) => v?.error?.code === 'PIN_BLOCKED');
    expect(['ejectingCard', 'takeCard']).toContain(blocked?.step);
    await takeCardBack(suite.ui);
    // the blocked card is refused as it is read, no PIN asked; no CHANGE REFERENCE DATA was sent for li
    await expectPinLockedAtRead(suite.ui, li.key, 'changePin');
    const changes = journalSteps(suite.daemon.journalPath, 'changePin').filter(
      (s) => s === 'card.changePin:intent',
    );
    expect(changes).toHaveLength(1); // zhang's, in the first test
  }, 120_000);

  it('refuses to change the PIN of a card not yet activated with CARD_NOT_ACTIVE, before any PIN is typed', async () => {
    expect(await suite.ui.emit('session.start', { journey: 'changePin' })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'insertCard');
    await suite.ui.emit('demo.card', { action: 'insert', cardId: zhao.key });
    const refused = await suite.ui.waitForSession((v) => v?.error?.code === 'CARD_NOT_ACTIVE');
    expect(['ejectingCard', 'takeCard']).toContain(refused?.step);
    await takeCardBack(suite.ui);
    // a balance is refused as the card is read too, before any PIN (the host's state decides),
    // and no CHANGE REFERENCE DATA was sent to the card
    expect(await suite.ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'insertCard');
    await suite.ui.emit('demo.card', { action: 'insert', cardId: zhao.key });
    const balance = await suite.ui.waitForSession((v) => v?.error !== undefined);
    expect(balance?.error?.code).toBe('CARD_NOT_ACTIVE');
    expect(balance?.pin?.entered ?? 0).toBe(0);
    await takeCardBack(suite.ui);
    const changes = journalSteps(suite.daemon.journalPath, 'changePin').filter(
      (s) => s === 'card.changePin:intent',
    );
    expect(changes).toHaveLength(1); // zhang's, in the first test
    // this session: the card read (and refused), no PIN asked, the card returned
    expect(journalSteps(suite.daemon.journalPath, 'changePin').slice(-3)).toEqual([
      'card.read:event',
      'card.eject:intent',
      'card.eject:done',
    ]);
  }, 90_000);

  it('refuses a PIN change chosen after a balance query with CARD_NOT_ACTIVE when the card was reported lost meanwhile, before any PIN', async () => {
    await suite.ui.startWithCardAndPin('balance', zhang.key, NEW_PIN); // zhang's PIN since the first test
    const balance = await suite.ui.waitForSession((v) => v?.step === 'showBalance');
    const asksBefore = cardStateAsks(zhang);
    await reportLossAtHost(zhang, 'temporary-loss');
    try {
      expect(await suite.ui.emit('session.start', { journey: 'changePin' })).toEqual({ ok: true });
      const refused = await suite.ui.waitForSession((v) => v?.error?.code === 'CARD_NOT_ACTIVE');
      expect(refused?.sessionId).toBe(balance?.sessionId);
      expect(['ejectingCard', 'takeCard']).toContain(refused?.step);
      expect(refused?.pin?.entered ?? 0).toBe(0);
      await takeCardBack(suite.ui);
    } finally {
      await reportLossAtHost(zhang, 'unfreeze');
    }
    // the change asked the host as it started (the balance's answer was another journey's), once
    expect(cardStateAsks(zhang)).toBe(asksBefore + 1);
    // this journey: the host's refusal journaled, no CHANGE REFERENCE DATA, the card returned; the
    // eject's done is written with the close, after the ended view the take waited for
    await lastTransactionClosed(suite.daemon.journalPath, 'changePin');
    expect(journalSteps(suite.daemon.journalPath, 'changePin').slice(-3)).toEqual([
      'card.state:event',
      'card.eject:intent',
      'card.eject:done',
    ]);
    await expectPinAnswers(suite.ui, zhang.key, NEW_PIN, 'ok');
  }, 90_000);
});
