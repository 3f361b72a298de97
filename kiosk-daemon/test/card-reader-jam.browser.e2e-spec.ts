/**
 * The card reader jam set from the demo panel, as field staff train on it, on the touch screen of
 * the real daemon: the card jams on its way out, the screen says so by its own code (the card is
 * inside the kiosk, ask staff) in Chinese and in English, and the kiosk stays out of service for
 * its card reader until staff free the card and clear the fault.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { kioskPageForSuite } from './daemon-with-ui.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

describe('card reader jam on the touch screen (real browser, real daemon)', () => {
  // the jam leaves the reader out of order: nothing after it in this suite needs a card
  const kiosk = kioskPageForSuite([], 'card-reader-jam', { recoverAfterEach: false });

  it('CARD_READER_JAM: the card jams on its way out; the screen says so, the kiosk degraded to the journeys without the reader', async () => {
    await kiosk.setFault('cardReader', 'ejectJam');
    await kiosk.startJourney('balance');
    await kiosk.step('insertCard');
    await kiosk.cardButton(zhang.key);
    await kiosk.step('enterPin');
    await kiosk.cancel(); // the card is to come back out: it jams
    const refusal = await kiosk.refusalInBothLanguages('CARD_READER_JAM');
    expect(refusal.en.what).toContain('card reader jammed');
    expect(refusal.zh.what).toContain('读卡器卡卡');
    // a new card and a loss report do without the card reader (RULES.md: the rest stays up)
    const degraded = kiosk.page.getByTestId('degraded-reason');
    await degraded.waitFor({ timeout: 30_000 });
    expect(await degraded.innerText()).toContain('读卡器故障');
    await kiosk.page.getByTestId('journey-reportLoss').waitFor();
    expect(await kiosk.page.getByTestId('journey-balance').count()).toBe(0);
  }, 90_000);
});
