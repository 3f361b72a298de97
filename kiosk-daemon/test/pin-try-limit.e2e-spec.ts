/**
 * RULES.md, "PIN": 3 wrong PINs lock the card's PIN, a number a region configures
 * (`pin.maxAttempts`). The kiosk's emulated cards are made with the profile's limit: with 2, the
 * second wrong PIN locks zhang's card (PIN_BLOCKED). A card left short of the limit by an earlier
 * session says so before the first try; a card locked by an earlier session is told so as it is
 * read, before any PIN (PIN_ALREADY_BLOCKED), the reset still open to it.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';
import { readJournalFile } from './journal-steps.js';
import {
  expectPinLockedAtRead,
  journalSteps,
  lastTransactionClosed,
  lockPinWithWrongTries,
  pinOutcomesAnswered,
  takeCardBack,
  typePin,
} from './pin-journeys.helpers.js';
import type { UiClient } from './ui-client.js';

/** A balance session with `cardId` in, up to the PIN screen before any key: its view. */
async function pinScreenOf(ui: UiClient, cardId: string) {
  expect(await ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
  await ui.waitForSession((v) => v?.step === 'insertCard');
  await ui.emit('demo.card', { action: 'insert', cardId });
  return ui.waitForSession((v) => v?.step === 'enterPin');
}

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;

describe('PIN try limit from the profile', () => {
  const suite = daemonForSuite(['--set', 'pin.maxAttempts=2']);

  it('PIN_BLOCKED: a region locking at 2 wrong PINs locks the card at the second', async () => {
    const { ui } = suite;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'));
    await lockPinWithWrongTries(ui, zhang.key, 2);
  }, 60_000);

  it('locked card asks for a PIN: zhang’s card, locked by the session before, goes back as it is read, no PIN asked, nothing owed to the host; the reset still takes it', async () => {
    const { ui, daemon } = suite;
    // the lock's outcome goes to the host in the background: its answer is journaled after the
    // card is back, so the count before waits for it (else a late done is counted as this one's)
    await pinOutcomesAnswered(daemon.journalPath);
    const pinOutcomesBefore = journalSteps(daemon.journalPath, 'balance').filter((s) =>
      s.startsWith('host.pinOutcome'),
    ).length;
    const refused = await expectPinLockedAtRead(ui, zhang.key);
    expect(refused?.pin).toBeUndefined();
    await lastTransactionClosed(daemon.journalPath, 'balance');
    // not a wrong PIN, nor a new lock: no PIN outcome journaled (so none told the host), and the
    // session closed on the code of its own, not PIN_BLOCKED (the fleet's lock alert)
    const steps = journalSteps(daemon.journalPath, 'balance');
    expect(steps.filter((s) => s.startsWith('host.pinOutcome'))).toHaveLength(pinOutcomesBefore);
    expect(steps.slice(-3)).toEqual(['card.read:event', 'card.eject:intent', 'card.eject:done']);
    const closed = readJournalFile(daemon.journalPath, (db) =>
      db
        .prepare(
          `SELECT outcome, errorCode FROM journal_transaction WHERE journey = 'balance' ORDER BY serial DESC LIMIT 1`,
        )
        .get(),
    );
    expect(closed).toEqual({ outcome: 'failed', errorCode: 'PIN_ALREADY_BLOCKED' });
    // the reset asks no PIN: the locked card goes on to the ID card
    expect(await ui.emit('session.start', { journey: 'resetPin' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'insertCard');
    await ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
    const reset = await ui.waitForSession((v) => v?.step === 'placeIdCard' || v?.error != null);
    expect([reset?.step, reset?.error]).toEqual(['placeIdCard', undefined]);
    await ui.emit('session.command', { command: 'cancel' });
    await takeCardBack(ui);
  }, 60_000);

  it('tries left unsaid before the first try: a card left one short by an earlier session says 1 left on its PIN screen', async () => {
    const { ui } = suite;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'));
    const fresh = await pinScreenOf(ui, li.key);
    expect(fresh?.pin).toEqual({ entered: 0, length: 6 });
    await typePin(ui, '000000');
    await ui.waitForSession((v) => v?.error?.code === 'PIN_WRONG' && v.pin?.attemptsLeft === 1);
    await ui.emit('session.command', { command: 'cancel' });
    await takeCardBack(ui);
    // the next session, before a key: the card's own count, read without spending a try
    const short = await pinScreenOf(ui, li.key);
    expect(short?.pin).toEqual({ entered: 0, length: 6, attemptsLeft: 1 });
    await typePin(ui, li.cardPin);
    await ui.waitForSession((v) => v?.step === 'showBalance');
    await ui.emit('session.command', { command: 'finish' });
    await takeCardBack(ui);
    // the right PIN restored the count: the next PIN screen says none
    expect((await pinScreenOf(ui, li.key))?.pin).toEqual({ entered: 0, length: 6 });
    await ui.emit('session.command', { command: 'cancel' });
    await takeCardBack(ui);
  }, 60_000);
});
