import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';
import { UiClient } from './ui-client.js';
import { secretsShownIn } from './secrets-shown.js';

const zhao = DEMO_RESIDENTS.find((r) => r.key === 'zhao')!; // a newly made card, default PIN
const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
const NEW_PIN = '802613';

async function typePin(ui: UiClient, pin: string): Promise<void> {
  for (const key of pin) await ui.emit('demo.pinpad', { key });
  await ui.emit('demo.pinpad', { key: 'enter' });
}

/** A balance query with li's card, PIN typed if asked: the first result or refusal on screen,
 * and whether the PIN was asked for. */
async function liBalance(ui: UiClient) {
  expect(await ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
  await ui.waitForSession((v) => v?.step === 'insertCard');
  await ui.emit('demo.card', { action: 'insert', cardId: li.key });
  const next = await ui.waitForSession((v) => v?.step === 'enterPin' || v?.error !== undefined);
  const pinAsked = next?.step === 'enterPin' && !next.error;
  if (pinAsked) await typePin(ui, li.cardPin);
  const seen = await ui.waitForSession((v) => v?.step === 'showBalance' || v?.error !== undefined);
  if (seen?.step === 'showBalance') await ui.emit('session.command', { command: 'finish' });
  await ui.waitForSession((v) => v?.step === 'takeCard');
  await ui.emit('demo.card', { action: 'take' });
  await ui.waitForSession((v) => v === null || v.step === 'ended');
  return { ...seen, pinAsked };
}

async function endSession(ui: UiClient): Promise<void> {
  await ui.waitForSession((v) => v === null, 15_000);
}

describe('PIN activation and loss report through the real daemon', () => {
  // each journey's ended screen is waited out before the next; no test reads how long it stays
  // (5 s by default): 2 s
  const suite = daemonForSuite(['--set', 'timeouts.endedViewMs=2000']);

  it('refuses a weak new PIN, then activates the card with a strong one that works at the next visit', async () => {
    await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('activatePin'));
    expect(await suite.ui.emit('session.start', { journey: 'activatePin' })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'insertCard');
    await suite.ui.emit('demo.card', { action: 'insert', cardId: zhao.key });
    await suite.ui.waitForSession((v) => v?.step === 'placeIdCard');
    await suite.ui.emit('demo.idCard', { action: 'place', idCardId: zhao.key });

    await suite.ui.waitForSession((v) => v?.step === 'enterNewPin');
    await typePin(suite.ui, '123456');
    const weak = await suite.ui.waitForSession((v) => v?.error?.code === 'PIN_WEAK');
    expect(weak?.step).toBe('enterNewPin');

    await typePin(suite.ui, NEW_PIN);
    await suite.ui.waitForSession((v) => v?.step === 'confirmNewPin');
    await typePin(suite.ui, NEW_PIN);
    await suite.ui.waitForSession((v) => v?.step === 'pinSaved');
    await suite.ui.emit('session.command', { command: 'finish' });
    await suite.ui.waitForSession((v) => v?.step === 'chooseJourney');
    await suite.ui.emit('session.command', { command: 'finish' });
    await suite.ui.waitForSession((v) => v?.step === 'takeCard');
    await suite.ui.emit('demo.card', { action: 'take' });
    await suite.ui.emit('demo.idCard', { action: 'remove' });
    await endSession(suite.ui);

    // the next visit: the card is active at the host and answers to the new PIN
    await suite.ui.startWithCardAndPin('balance', zhao.key, NEW_PIN);
    const shown = await suite.ui.waitForSession((v) => v?.step === 'showBalance');
    expect(shown?.balance?.amountFen).toBe(zhao.balanceFen);
    await suite.ui.emit('session.command', { command: 'finish' });
    await suite.ui.waitForSession((v) => v?.step === 'takeCard');
    await suite.ui.emit('demo.card', { action: 'take' });
    await endSession(suite.ui);
    expect(secretsShownIn(suite.ui.traffic.join('\n'), [NEW_PIN])).toEqual([]);
    expect(secretsShownIn(suite.daemon.output.join('\n'), [NEW_PIN])).toEqual([]);
  }, 120_000);

  it('reports a lost card by ID card and face, without the card', async () => {
    expect(await suite.ui.emit('session.start', { journey: 'reportLoss' })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'placeIdCard');
    await suite.ui.emit('demo.idCard', { action: 'place', idCardId: li.key });
    await suite.ui.waitForSession((v) => v?.step === 'confirmLoss');
    await suite.ui.emit('session.command', { command: 'confirm' });
    const reported = await suite.ui.waitForSession((v) => v?.step === 'lossReported');
    expect(reported?.details?.kind === 'reportLoss' && reported.details.lapsesOn).toMatch(
      /^\d{4}-\d{2}-\d{2}$/,
    );
    await suite.ui.emit('demo.idCard', { action: 'remove' });
    await suite.ui.emit('session.command', { command: 'finish' });
    await suite.ui.waitForSession((v) => v === null || v.step === 'ended');
  }, 60_000);

  it('a card reported lost is refused, then unfrozen on the same road once found, and works again', async () => {
    await endSession(suite.ui); // the last screen stays 2 s: the next journey starts once the kiosk is home again
    // the lost card is refused at the kiosk as it is read: no PIN is asked for a card refused anyway
    const refused = await liBalance(suite.ui);
    expect(refused.error?.code).toBe('CARD_NOT_ACTIVE');
    expect(refused.pinAsked).toBe(false);
    await endSession(suite.ui);

    expect(await suite.ui.emit('session.start', { journey: 'reportLoss' })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'placeIdCard');
    await suite.ui.emit('demo.idCard', { action: 'place', idCardId: li.key });
    const ask = await suite.ui.waitForSession((v) => v?.step === 'confirmLoss');
    expect(ask?.details).toMatchObject({ kind: 'reportLoss', mode: 'unfreeze' });
    await suite.ui.emit('session.command', { command: 'confirm' });
    await suite.ui.waitForSession((v) => v?.step === 'lossReported');
    await suite.ui.emit('demo.idCard', { action: 'remove' });
    await suite.ui.emit('session.command', { command: 'finish' });
    await suite.ui.waitForSession((v) => v === null || v.step === 'ended');
    await endSession(suite.ui);

    const shown = await liBalance(suite.ui);
    expect(shown?.step).toBe('showBalance');
    expect(shown?.error).toBeUndefined();
  }, 90_000);
});
