/**
 * The fault: "Activate card" refused only a card the host held as active. A card reported lost
 * after it was active went through the ID card, the face match and the new PIN twice, then the
 * default PIN was tried on its chip (one of its three PIN tries spent) and the resident was told
 * to choose "Reset PIN"; a cancelled card never activated had its chip PIN rewritten before the
 * host refused it. Now both are refused as the card is read, in words for their state, before the
 * ID card or any PIN; nothing is written to the chip and no PIN try is spent (and a card activated
 * before, as since CARD_ALREADY_ACTIVE, case moved here). The bundled daemon
 * against a host simulator in this process, so the card's state is set at the host.
 */
import { DEMO_RESIDENTS, type DemoResident } from '@kiosk/domain';
import { daemonOnHostHere, sessionLeftEnded } from './daemon-on-host-here.js';
import { expectPinAnswers, journalSteps, takeCardBack } from './pin-journeys.helpers.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!; // active
const zhao = DEMO_RESIDENTS.find((r) => r.key === 'zhao')!; // made

describe('activation of a card the host does not hold as made', () => {
  const suite = daemonOnHostHere();

  beforeEach(async () => {
    await sessionLeftEnded(suite.ui);
    await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('activatePin'));
  }, 60_000);

  /** starts "Activate card" with `card`; the refusal's code once the card is read */
  async function activationRefused(card: DemoResident): Promise<string | undefined> {
    const from = suite.ui.traffic.length;
    expect(await suite.ui.emit('session.start', { journey: 'activatePin' })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'insertCard');
    await suite.ui.emit('demo.card', { action: 'insert', cardId: card.key });
    const refused = await suite.ui.waitForSession((v) => v?.error !== undefined);
    const steps = suite.ui.traffic
      .slice(from)
      .filter((t) => t.startsWith('session.view'))
      .map((t) => /"step":"(\w+)"/.exec(t)?.[1]);
    expect(steps).not.toContain('placeIdCard');
    expect(steps).not.toContain('enterNewPin');
    await takeCardBack(suite.ui);
    // the card read (refused), returned; nothing asked of the chip
    expect(journalSteps(suite.daemon.journalPath, 'activatePin').slice(-3)).toEqual([
      'card.read:event',
      'card.eject:intent',
      'card.eject:done',
    ]);
    return refused?.error?.code;
  }

  it('a card temporarily lost after it was active: CARD_REPORTED_LOST at the read, no PIN try spent', async () => {
    await suite.cardStateAtHost(zhang, 'temporary-loss');
    try {
      expect(await activationRefused(zhang)).toBe('CARD_REPORTED_LOST');
    } finally {
      await suite.cardStateAtHost(zhang, 'unfreeze');
    }
    // the card's PIN counter untouched: a wrong PIN now leaves two tries, the right one opens it
    await expectPinAnswers(suite.ui, zhang.key, '000000', { code: 'PIN_WRONG', attemptsLeft: 2 });
    await expectPinAnswers(suite.ui, zhang.key, zhang.cardPin, 'ok');
  }, 90_000);

  it('a card activated before: CARD_ALREADY_ACTIVE at the read, its PIN left as it was', async () => {
    expect(await activationRefused(zhang)).toBe('CARD_ALREADY_ACTIVE');
    await expectPinAnswers(suite.ui, zhang.key, zhang.cardPin, 'ok');
  }, 90_000);

  it('a cancelled card never activated: CARD_CANCELLED at the read, its chip not written', async () => {
    const card = suite.host.state.cards.get(zhao.cardNumber) as { state: string };
    card.state = 'cancelled';
    try {
      expect(await activationRefused(zhao)).toBe('CARD_CANCELLED');
    } finally {
      card.state = 'made';
    }
  }, 90_000);
});
