/**
 * Changing the PIN through the real daemon: card + current PIN, the new PIN twice, CHANGE
 * REFERENCE DATA on the virtual card, journaled. Every refusal leaves the card's PIN as it was.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { expectPinAnswers, journalSteps, takeCardBack, typePin } from './pin-journeys.helpers.js';
import { UiClient } from './ui-client.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
const zhao = DEMO_RESIDENTS.find((r) => r.key === 'zhao')!; // made, not yet activated: default PIN
const NEW_PIN = '730194';
const OTHER_PIN = '730195';

describe('change PIN through the real daemon', () => {
  let daemon: DaemonProcess;
  let ui: UiClient;

  beforeAll(async () => {
    daemon = await startDaemon(['--set', 'demo.panel=true']);
    ui = new UiClient(daemon.url);
    await ui.connected();
    await ui.waitForKiosk((k) => k.journeysOffered.includes('changePin'));
  }, 30_000);

  afterAll(async () => {
    ui?.close();
    expect(await daemon?.stop()).toBe(0);
  });

  /** changePin with `card`, up to the new-PIN screen (the current PIN typed and accepted). */
  async function toNewPin(cardId: string, currentPin: string): Promise<void> {
    await ui.startWithCardAndPin('changePin', cardId, currentPin);
    await ui.waitForSession((v) => v?.step === 'enterNewPin');
  }

  it('keeps the PIN screen after six digits until Enter, then changes the PIN; only the new PIN works', async () => {
    expect(await ui.emit('session.start', { journey: 'changePin' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'insertCard');
    await ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
    await ui.waitForSession((v) => v?.step === 'enterPin');
    for (const key of zhang.cardPin) await ui.emit('demo.pinpad', { key });
    await ui.waitForSession((v) => v?.pin?.entered === 6);
    // the glitch: six digits typed is not yet a PIN sent to the card
    await new Promise((r) => setTimeout(r, 300));
    expect(ui.session?.step).toBe('enterPin');
    expect(ui.traffic.some((t) => t.includes('"step":"verifyingPin"'))).toBe(false);
    await ui.emit('demo.pinpad', { key: 'enter' });

    await ui.waitForSession((v) => v?.step === 'enterNewPin');
    await typePin(ui, NEW_PIN);
    await ui.waitForSession((v) => v?.step === 'confirmNewPin');
    await typePin(ui, NEW_PIN);
    await ui.waitForSession((v) => v?.step === 'pinSaved');
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'chooseJourney');
    await ui.emit('session.command', { command: 'finish' });
    await takeCardBack(ui);

    expect(journalSteps(daemon.journalPath, 'changePin')).toEqual(
      expect.arrayContaining(['pin.verify:event', 'card.changePin:intent', 'card.changePin:done']),
    );
    await expectPinAnswers(ui, zhang.key, zhang.cardPin, { code: 'PIN_WRONG', attemptsLeft: 2 });
    await expectPinAnswers(ui, zhang.key, NEW_PIN, 'ok');
    for (const secret of [NEW_PIN, zhang.cardPin]) {
      expect(ui.traffic.join('\n')).not.toContain(secret);
      expect(daemon.output.join('\n')).not.toContain(secret);
    }
  }, 120_000);

  it('refuses a weak new PIN with PIN_WEAK and leaves the PIN as it was', async () => {
    await toNewPin(li.key, li.cardPin);
    await typePin(ui, '111111');
    const weak = await ui.waitForSession((v) => v?.error?.code === 'PIN_WEAK');
    expect(weak?.step).toBe('enterNewPin');
    expect(weak?.details).toMatchObject({ kind: 'newPin', weakRule: 'repeated', triesLeft: 2 });
    await ui.emit('session.command', { command: 'cancel' });
    await takeCardBack(ui);
    await expectPinAnswers(ui, li.key, li.cardPin, 'ok');
  }, 90_000);

  it('refuses a confirmation that differs with PIN_MISMATCH and leaves the PIN as it was', async () => {
    await toNewPin(li.key, li.cardPin);
    await typePin(ui, NEW_PIN);
    await ui.waitForSession((v) => v?.step === 'confirmNewPin');
    await typePin(ui, OTHER_PIN);
    const mismatch = await ui.waitForSession((v) => v?.error?.code === 'PIN_MISMATCH');
    expect(mismatch?.step).toBe('enterNewPin');
    await ui.emit('session.command', { command: 'cancel' });
    await takeCardBack(ui);
    await expectPinAnswers(ui, li.key, NEW_PIN, { code: 'PIN_WRONG', attemptsLeft: 2 });
    await expectPinAnswers(ui, li.key, li.cardPin, 'ok');
  }, 90_000);

  it('refuses a wrong current PIN with PIN_WRONG and the tries left, and changes nothing', async () => {
    const changes = () =>
      journalSteps(daemon.journalPath, 'changePin').filter((s) => s.startsWith('card.changePin')).length;
    const before = changes();
    await ui.startWithCardAndPin('changePin', li.key, '000000');
    const wrong = await ui.waitForSession((v) => v?.error?.code === 'PIN_WRONG');
    expect(wrong).toMatchObject({ step: 'enterPin', pin: { entered: 0, attemptsLeft: 2 } });
    await ui.emit('session.command', { command: 'cancel' });
    await takeCardBack(ui);
    expect(changes()).toBe(before);
    await expectPinAnswers(ui, li.key, li.cardPin, 'ok');
  }, 90_000);

  it('refuses a blocked card with PIN_BLOCKED after the third wrong PIN, returning the card unchanged', async () => {
    await ui.startWithCardAndPin('changePin', li.key, '000001');
    for (const [pin, left] of [
      ['000002', 1],
      ['000003', 0],
    ] as const) {
      await ui.waitForSession((v) => v?.step === 'enterPin' && v.pin?.attemptsLeft === left + 1);
      await typePin(ui, pin);
    }
    const blocked = await ui.waitForSession((v) => v?.error?.code === 'PIN_BLOCKED');
    expect(['ejectingCard', 'takeCard']).toContain(blocked?.step);
    await takeCardBack(ui);
    // the right PIN cannot open a blocked card, and no CHANGE REFERENCE DATA was sent for li
    await expectPinAnswers(ui, li.key, li.cardPin, { code: 'PIN_BLOCKED' });
    const changes = journalSteps(daemon.journalPath, 'changePin').filter(
      (s) => s === 'card.changePin:intent',
    );
    expect(changes).toHaveLength(1); // zhang's, in the first test
  }, 120_000);

  it('refuses to change the PIN of a card not yet activated with CARD_NOT_ACTIVE, before any PIN is typed', async () => {
    expect(await ui.emit('session.start', { journey: 'changePin' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'insertCard');
    await ui.emit('demo.card', { action: 'insert', cardId: zhao.key });
    const refused = await ui.waitForSession((v) => v?.error?.code === 'CARD_NOT_ACTIVE');
    expect(['ejectingCard', 'takeCard']).toContain(refused?.step);
    await takeCardBack(ui);
    // the card still opens with its default PIN (the host, not the card, refuses the balance),
    // and no CHANGE REFERENCE DATA was sent to it
    await ui.startWithCardAndPin('balance', zhao.key, zhao.cardPin);
    const balance = await ui.waitForSession((v) => v?.error !== undefined);
    expect(balance?.error?.code).toBe('CARD_NOT_ACTIVE');
    await takeCardBack(ui);
    const changes = journalSteps(daemon.journalPath, 'changePin').filter(
      (s) => s === 'card.changePin:intent',
    );
    expect(changes).toHaveLength(1); // zhang's, in the first test
    // this session: the card read (and refused), no PIN asked, the card returned
    expect(journalSteps(daemon.journalPath, 'changePin').slice(-3)).toEqual([
      'card.read:event',
      'card.eject:intent',
      'card.eject:done',
    ]);
  }, 90_000);
});
