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
 * `maxAttempts` wrong PINs in a balance query (the profile's `pin.maxAttempts`, 3 by default) lock
 * the card's PIN (the counter lives on the card), each try but the first seen counted down; the
 * card is taken back. Answers PIN_BLOCKED after the last.
 */
export async function lockPinWithWrongTries(ui: UiClient, cardId: string, maxAttempts = 3): Promise<void> {
  await ui.startWithCardAndPin('balance', cardId, '000000');
  for (let left = maxAttempts - 1; left > 0; left -= 1) {
    await ui.waitForSession((v) => v?.step === 'enterPin' && v.pin?.attemptsLeft === left);
    await typePin(ui, `00000${maxAttempts - left}`);
  }
  await ui.waitForSession((v) => v?.error?.code === 'PIN_BLOCKED');
  await takeCardBack(ui);
}

/**
 * A `journey` session with card `cardId`, whose PIN is locked already: refused as the card is read
 * (PIN_ALREADY_BLOCKED), no PIN screen ever shown, then the card back. Its view of the refusal.
 */
export async function expectPinLockedAtRead(ui: UiClient, cardId: string, journey = 'balance') {
  expect(await ui.emit('session.start', { journey })).toEqual({ ok: true });
  await ui.waitForSession((v) => v?.step === 'insertCard');
  await ui.emit('demo.card', { action: 'insert', cardId });
  // a PIN screen stays until a PIN is typed: had it come, it would be seen here instead
  const seen = await ui.waitForSession((v) => v?.error != null || v?.step === 'enterPin');
  expect(seen?.error?.code).toBe('PIN_ALREADY_BLOCKED');
  expect(['ejectingCard', 'takeCard']).toContain(seen?.step);
  await takeCardBack(ui);
  return seen;
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
