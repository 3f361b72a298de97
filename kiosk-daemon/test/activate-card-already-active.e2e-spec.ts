/**
 * "Activate card" chosen for a card activated before: the kiosk read it, asked for the ID card,
 * the face and the new PIN twice, and only then did the card's default-PIN check refuse it, as
 * CARD_NOT_ACTIVE, whose words say the card is not activated yet and to choose "Activate card".
 * Now the host's state refuses it when the card is read, before anything is asked, with a code of
 * its own (CARD_ALREADY_ACTIVE: change or reset the PIN instead); the card's PIN is left as it was.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';
import { expectPinAnswers, journalSteps, takeCardBack } from './pin-journeys.helpers.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!; // active

describe('activation asked for a card activated before', () => {
  const suite = daemonForSuite(['--set', 'timeouts.endedViewMs=1000']);

  it('is refused CARD_ALREADY_ACTIVE when the card is read, before the ID card or any PIN', async () => {
    const from = suite.ui.traffic.length;
    expect(await suite.ui.emit('session.start', { journey: 'activatePin' })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'insertCard');
    await suite.ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
    const refused = await suite.ui.waitForSession((v) => v?.error !== undefined);
    expect(refused?.error?.code).toBe('CARD_ALREADY_ACTIVE');
    expect(['ejectingCard', 'takeCard']).toContain(refused?.step);
    const steps = suite.ui.traffic
      .slice(from)
      .filter((t) => t.startsWith('session.view'))
      .map((t) => /"step":"(\w+)"/.exec(t)?.[1]);
    expect(steps).not.toContain('placeIdCard');
    expect(steps).not.toContain('enterNewPin');
    await takeCardBack(suite.ui);
    // the session: the card read (and refused), nothing written to it, the card returned
    expect(journalSteps(suite.daemon.journalPath, 'activatePin').slice(-3)).toEqual([
      'card.read:event',
      'card.eject:intent',
      'card.eject:done',
    ]);
    // the card still answers to its own PIN
    await expectPinAnswers(suite.ui, zhang.key, zhang.cardPin, 'ok');
  }, 60_000);
});
