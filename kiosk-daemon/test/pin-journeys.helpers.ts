/** What the PIN e2e specs share: typing on the demo pad, taking the card back, asking the card. */
import type { UiClient } from './ui-client.js';

export { journalSteps, lastTransactionClosed, pinOutcomesAnswered } from './journal-steps.js';

export async function typePin(ui: UiClient, pin: string): Promise<void> {
  for (const key of pin) await ui.emit('demo.pinpad', { key });
  await ui.emit('demo.pinpad', { key: 'enter' });
}

/** The card is at the slot (or on its way): take it and wait until the kiosk is free again. */
export async function takeCardBack(ui: UiClient): Promise<void> {
  await ui.waitForSession((v) => v?.step === 'takeCard', 15_000);
  await ui.emit('demo.card', { action: 'take' });
  await ui.waitForSession((v) => v === null || v.step === 'ended', 15_000);
}

/**
 * Three wrong PINs in a balance query lock the card's PIN (the counter lives on the card); the
 * card is taken back. Answers PIN_BLOCKED after the third.
 */
export async function lockPinWithWrongTries(ui: UiClient, cardId: string): Promise<void> {
  await ui.startWithCardAndPin('balance', cardId, '000000');
  for (const [pin, left] of [
    ['000001', 2],
    ['000002', 1],
  ] as const) {
    await ui.waitForSession((v) => v?.step === 'enterPin' && v.pin?.attemptsLeft === left);
    await typePin(ui, pin);
  }
  await ui.waitForSession((v) => v?.error?.code === 'PIN_BLOCKED');
  await takeCardBack(ui);
}

export type PinAnswer =
  'ok' | { readonly code: 'PIN_WRONG'; attemptsLeft: number } | { readonly code: 'PIN_BLOCKED' };

/** A balance session with `pin` on card `cardId`: what the card answers, then the card back. */
export async function expectPinAnswers(
  ui: UiClient,
  cardId: string,
  pin: string,
  expected: PinAnswer,
): Promise<void> {
  await ui.startWithCardAndPin('balance', cardId, pin);
  const seen = await ui.waitForSession(
    (v) => v?.step === 'showBalance' || v?.error?.code === 'PIN_WRONG' || v?.error?.code === 'PIN_BLOCKED',
  );
  if (expected === 'ok') {
    expect(seen?.step).toBe('showBalance');
    await ui.emit('session.command', { command: 'finish' });
  } else if (expected.code === 'PIN_WRONG') {
    expect(seen).toMatchObject({
      error: { code: 'PIN_WRONG' },
      pin: { attemptsLeft: expected.attemptsLeft },
    });
    await ui.emit('session.command', { command: 'cancel' });
  } else {
    expect(seen?.error?.code).toBe('PIN_BLOCKED');
  }
  await takeCardBack(ui);
}
