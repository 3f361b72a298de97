/**
 * Resetting (unlocking) a PIN through the real daemon: the card, the holder's resident ID card and a
 * face match, the new PIN twice, RESET RETRY COUNTER under the chip key the host hands out, and
 * the host told. The back office is a host simulator in this process (the daemon talks to it as an
 * external host), so the test can make it slow and read its audit log. Every refusal leaves the
 * card's PIN blocked and tells the host nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chipSerialFor, DEMO_ISSUER_KEY, deriveCardKey } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { createHostSimulator, type HostSimulator } from '@kiosk/host-simulator';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import {
  expectPinAnswers,
  expectPinLockedAtRead,
  journalSteps,
  lockPinWithWrongTries,
  pinOutcomesAnswered,
  takeCardBack,
  typePin,
} from './pin-journeys.helpers.js';
import { UiClient } from './ui-client.js';
import { secretsShownIn } from './secrets-shown.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
const NEW_PIN = '593017';
const KIOSK_ID = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';
/** the test profile's: every other call of the journey must be answered in time on a loaded machine */
const HOST_TIMEOUT_MS = 5_000;

describe('reset a blocked PIN through the real daemon', () => {
  let host: HostSimulator;
  let daemon: DaemonProcess;
  let ui: UiClient;

  /** what the kiosk told the host about li's card: issuer keys asked and PIN events */
  const hostCallsForLi = () =>
    host.state.audit
      .filter((a) => a.cardNumber === li.cardNumber)
      .map((a) => a.action)
      .filter((a) => a.includes('issuer-key') || a.includes('pin-events'));
  /** how often the kiosk asked the host for the state of li's card */
  const cardStateAsksForLi = () =>
    host.state.audit.filter((a) => a.cardNumber === li.cardNumber && a.action === 'GET /v1/cards/:cardNumber')
      .length;
  const cardResets = () =>
    journalSteps(daemon.journalPath, 'resetPin').filter((s) => s.startsWith('card.resetPin'));

  beforeAll(async () => {
    host = createHostSimulator({
      kioskKeys: { [KIOSK_ID]: KIOSK_KEY },
      issuerMasterKey: DEMO_ISSUER_KEY.toString('hex'),
    });
    const { url } = await host.listen(0, '127.0.0.1');
    daemon = await startDaemon([
      '--set',
      'demo.panel=true',
      '--set',
      'host.mode=external',
      '--set',
      `host.url=${url}`,
      '--set',
      `host.timeoutMs=${HOST_TIMEOUT_MS}`,
    ]);
    ui = new UiClient(daemon.url);
    await ui.connected();
    await ui.waitForKiosk((k) => k.journeysOffered.includes('resetPin'));
    // three wrong PINs lock li's card
    await lockPinWithWrongTries(ui, li.key);
  }, 60_000);

  afterAll(async () => {
    ui?.close();
    expect(await daemon?.stop()).toBe(0);
    await host?.close();
  });

  // the kiosk tells the host what the card answers to every PIN typed (wrong, blocked, verified):
  // what a refusal must not do is ask for the chip key or report a reset, so each test looks at
  // the calls made after the one before it. Those outcomes go in the background once journaled:
  // the ones of the test before (its last PIN typed) answered first, or one landing late counts
  // as this test's call, and a reset's report waits behind it
  let callsBefore = 0;
  const newHostCallsForLi = () => hostCallsForLi().slice(callsBefore);
  beforeEach(async () => {
    await pinOutcomesAnswered(daemon.journalPath);
    callsBefore = hostCallsForLi().length;
  });

  afterEach(async () => {
    host.faults.clear();
    await ui.emit('demo.idCard', { action: 'remove' });
  });

  /** resetPin with a card (li's unless named) and the ID card `idCardId`, up to identification */
  async function startReset(idCardId: string, cardId = li.key): Promise<void> {
    expect(await ui.emit('session.start', { journey: 'resetPin' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'insertCard');
    await ui.emit('demo.card', { action: 'insert', cardId });
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId });
  }

  it('refuses a face that does not match with FACE_NOT_MATCHED; the PIN stays blocked', async () => {
    await ui.emit('demo.face', { score: 40 });
    await startReset(li.key);
    const refused = await ui.waitForSession((v) => v?.step === 'faceNotMatched');
    expect(refused?.error?.code).toBe('FACE_NOT_MATCHED');
    await ui.emit('session.command', { command: 'cancel' });
    await takeCardBack(ui);
    expect(cardResets()).toEqual([]);
    expect(newHostCallsForLi()).toEqual([]);
    // presented again, the locked card is refused as it is read: no PIN tried, nothing told the host
    await expectPinLockedAtRead(ui, li.key);
    await pinOutcomesAnswered(daemon.journalPath);
    expect(newHostCallsForLi()).toEqual([]);
  }, 60_000);

  it('refuses the ID card of another person with ID_MISMATCH; the PIN stays blocked', async () => {
    await startReset(zhang.key);
    const refused = await ui.waitForSession((v) => v?.error?.code === 'ID_MISMATCH');
    expect(['ejectingCard', 'takeCard']).toContain(refused?.step);
    await takeCardBack(ui);
    expect(cardResets()).toEqual([]);
    expect(newHostCallsForLi()).toEqual([]);
    await expectPinLockedAtRead(ui, li.key);
  }, 60_000);

  it('refuses the holder’s birth date as the new PIN with PIN_WEAK; the PIN stays blocked', async () => {
    await startReset(li.key);
    await ui.waitForSession((v) => v?.step === 'enterNewPin');
    await typePin(ui, '621109'); // li was born on 1962-11-09
    const weak = await ui.waitForSession((v) => v?.error?.code === 'PIN_WEAK');
    expect(weak).toMatchObject({ step: 'enterNewPin', details: { kind: 'newPin', weakRule: 'birthDate' } });
    await ui.emit('session.command', { command: 'cancel' });
    await takeCardBack(ui);
    expect(cardResets()).toEqual([]);
    expect(newHostCallsForLi()).toEqual([]);
    await expectPinLockedAtRead(ui, li.key);
  }, 60_000);

  it('ends with HOST_TIMEOUT when the host does not hand out the card key in time; nothing is written', async () => {
    await startReset(li.key);
    await ui.waitForSession((v) => v?.step === 'enterNewPin');
    await typePin(ui, NEW_PIN);
    await ui.waitForSession((v) => v?.step === 'confirmNewPin');
    host.faults.set({ delayMs: HOST_TIMEOUT_MS * 3 });
    await typePin(ui, NEW_PIN);
    const refused = await ui.waitForSession((v) => v?.error?.code === 'HOST_TIMEOUT', 15_000);
    expect(['savingPin', 'pinSaved', 'ejectingCard', 'takeCard']).toContain(refused?.step);
    host.faults.clear();
    await takeCardBack(ui);
    expect(newHostCallsForLi().filter((a) => a.includes('pin-events'))).toEqual([]);
    expect(cardResets()).toEqual([]);
    await expectPinLockedAtRead(ui, li.key);
  }, 60_000);

  it('chip not the card’s own: the host hands out no key (CARD_CHIP_MISMATCH); nothing is written', async () => {
    // the back office's record names another chip for li's card number: the card in the slot
    // carries li's data on a chip that was not made for it (a copy)
    const record = host.state.cards.get(li.cardNumber) as { chipSerial: string | null };
    const ownChip = record.chipSerial;
    record.chipSerial = 'F'.repeat(32);
    try {
      await startReset(li.key);
      await ui.waitForSession((v) => v?.step === 'enterNewPin');
      await typePin(ui, NEW_PIN);
      await ui.waitForSession((v) => v?.step === 'confirmNewPin');
      await typePin(ui, NEW_PIN);
      const refused = await ui.waitForSession((v) => v?.error?.code === 'CARD_CHIP_MISMATCH', 15_000);
      expect(refused?.error?.code).toBe('CARD_CHIP_MISMATCH');
      await takeCardBack(ui);
    } finally {
      record.chipSerial = ownChip;
    }
    expect(cardResets()).toEqual([]);
    expect(newHostCallsForLi().filter((a) => a.includes('pin-events'))).toEqual([]);
    expect(host.state.audit.filter((a) => a.outcome === 'CARD_CHIP_MISMATCH')).toHaveLength(1);
    await expectPinLockedAtRead(ui, li.key);
  }, 60_000);

  it('unlocks the PIN with the ID card and face, tells the host, and the card answers to the new PIN only', async () => {
    const earlier = hostCallsForLi().length;
    const asksEarlier = cardStateAsksForLi();
    await startReset(li.key);
    await ui.waitForSession((v) => v?.step === 'enterNewPin');
    await typePin(ui, NEW_PIN);
    await ui.waitForSession((v) => v?.step === 'confirmNewPin');
    await typePin(ui, NEW_PIN);
    await ui.waitForSession((v) => v?.step === 'pinSaved');
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'chooseJourney');
    await ui.emit('session.command', { command: 'finish' });
    await takeCardBack(ui);

    expect(cardResets()).toEqual(['card.resetPin:intent', 'card.resetPin:done']);
    expect(journalSteps(daemon.journalPath, 'resetPin')).toContain('host.pinReset:done');
    expect(hostCallsForLi().slice(earlier)).toEqual([
      'POST /v1/cards/:cardNumber/issuer-key',
      'POST /v1/cards/:cardNumber/pin-events',
    ]);
    // the card's state is asked as the card is read; the reset takes that answer, not a second one
    expect(cardStateAsksForLi() - asksEarlier).toBe(1);
    await expectPinAnswers(ui, li.key, li.cardPin, { code: 'PIN_WRONG', attemptsLeft: 2 });
    await expectPinAnswers(ui, li.key, NEW_PIN, 'ok');
    // neither the PINs nor the chip key reach the UI, the logs or the journal file
    const serial = chipSerialFor(li.cardNumber);
    const chipKey = host.context.issuerKeys.chipKeyFor(serial);
    // the host diversifies as the chip does
    expect(chipKey).toBe(
      deriveCardKey(DEMO_ISSUER_KEY, Buffer.from(serial, 'hex')).toString('hex').toUpperCase(),
    );
    const journal = [daemon.journalPath, `${daemon.journalPath}-wal`]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f).toString('latin1'))
      .join('');
    const secrets = [NEW_PIN, li.cardPin, chipKey, chipKey.toLowerCase()];
    expect(secretsShownIn(ui.traffic.join('\n'), secrets)).toEqual([]);
    expect(secretsShownIn(daemon.output.join('\n'), secrets)).toEqual([]);
    expect(secretsShownIn(journal, secrets)).toEqual([]);
  }, 90_000);

  it('replaces a forgotten PIN that is not blocked, with no PIN asked for', async () => {
    await startReset(zhang.key, zhang.key);
    await ui.waitForSession((v) => v?.step === 'enterNewPin');
    expect(
      ui.traffic.filter((t) => t.includes('"journey":"resetPin"') && t.includes('"step":"enterPin"')),
    ).toEqual([]);
    await typePin(ui, NEW_PIN);
    await ui.waitForSession((v) => v?.step === 'confirmNewPin');
    await typePin(ui, NEW_PIN);
    await ui.waitForSession((v) => v?.step === 'pinSaved');
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'chooseJourney');
    await ui.emit('session.command', { command: 'finish' });
    await takeCardBack(ui);
    await expectPinAnswers(ui, zhang.key, zhang.cardPin, { code: 'PIN_WRONG', attemptsLeft: 2 });
    await expectPinAnswers(ui, zhang.key, NEW_PIN, 'ok');
  }, 90_000);
});
