/**
 * RULES.md, "PIN": 3 wrong PINs lock the card's PIN, a number a region configures
 * (`pin.maxAttempts`). The kiosk's emulated cards are made with the profile's limit: with 2, the
 * second wrong PIN locks zhang's card (PIN_BLOCKED), and even the right PIN is refused after.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';
import { expectPinAnswers, takeCardBack, typePin } from './pin-journeys.helpers.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

describe('PIN try limit from the profile', () => {
  const suite = daemonForSuite(['--set', 'pin.maxAttempts=2']);

  it('PIN_BLOCKED: a region locking at 2 wrong PINs locks the card at the second', async () => {
    const { ui } = suite;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'));
    await ui.startWithCardAndPin('balance', zhang.key, '000000');
    await ui.waitForSession((v) => v?.step === 'enterPin' && v.pin?.attemptsLeft === 1);
    await typePin(ui, '000001');
    await ui.waitForSession((v) => v?.error?.code === 'PIN_BLOCKED');
    await takeCardBack(ui);
    await expectPinAnswers(ui, zhang.key, zhang.cardPin, { code: 'PIN_BLOCKED' });
  }, 60_000);
});
