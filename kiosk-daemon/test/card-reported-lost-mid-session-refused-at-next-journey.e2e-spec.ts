/**
 * The fault: a balance, records or a withdrawal chosen after another journey of the same session
 * (the card still in, its PIN verified) asked the host nothing of the card's state: a card
 * reported lost meanwhile (another counter, the phone line) was refused only by the host's answer
 * to the journey's own call, a withdrawal's after its resident placed the ID card and faced the
 * camera. Now the next journey asks the card's state first, as the card read does. The
 * bundled daemon against a host simulator in this process (reached as an external host), so the
 * card is reported lost at the host between two journeys of one session.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonOnHostHere, sessionLeftEnded } from './daemon-on-host-here.js';
import { journalSteps, lastTransactionClosed, takeCardBack } from './pin-journeys.helpers.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

describe('a card reported lost mid-session is refused at the next journey', () => {
  const suite = daemonOnHostHere();
  const { cardStateAtHost } = suite;
  /** what the host answered this kiosk for the card, by route, since `from` */
  const hostCalls = (from: number) =>
    suite.host.state.audit
      .slice(from)
      .filter((a) => a.cardNumber === zhang.cardNumber)
      .map((a) => `${a.action} ${a.outcome}`);
  /** the PIN outcomes of the card the host has answered */
  const pinOutcomesAnswered = () =>
    hostCalls(0).filter((c) => c === 'POST /v1/cards/:cardNumber/pin-events ok').length;

  // each case on an idle kiosk with withdrawals offered, whatever the case before it left
  beforeEach(async () => {
    await sessionLeftEnded(suite.ui);
    await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'));
  }, 60_000);

  it.each(['withdraw', 'records', 'balance'])(
    'a balance, the card reported lost at the host, then %s: refused CARD_NOT_ACTIVE as it starts',
    async (next) => {
      const outcomesBefore = pinOutcomesAnswered();
      await suite.ui.startWithCardAndPin('balance', zhang.key, zhang.cardPin);
      const balance = await suite.ui.waitForSession((v) => v?.step === 'showBalance');
      // the PIN's outcome reaches the host in the background once verified (journaled first):
      // waited for here, so it is not taken for a call of the next journey
      await suite.untilHost(() => pinOutcomesAnswered() > outcomesBefore, 'the PIN outcome answered');
      await cardStateAtHost(zhang, 'temporary-loss');
      const from = suite.host.state.audit.length;
      try {
        expect(await suite.ui.emit('session.start', { journey: next })).toEqual({ ok: true });
        const refused = await suite.ui.waitForSession((v) => v?.error?.code === 'CARD_NOT_ACTIVE');
        expect(refused?.sessionId).toBe(balance?.sessionId);
        await takeCardBack(suite.ui);
      } finally {
        await cardStateAtHost(zhang, 'unfreeze');
      }
      // the host asked the card's state once, as the journey started; nothing else of the card
      // (no balance, records, limits or authorisation), the unfreeze aside
      const asked = hostCalls(from).filter((c) => !c.includes('unfreeze'));
      expect(asked).toEqual(['GET /v1/cards/:cardNumber ok']);
      // this journey: the refusal journaled, the card returned; no ID card asked, nothing printed
      await lastTransactionClosed(suite.daemon.journalPath, next);
      expect(journalSteps(suite.daemon.journalPath, next).slice(-3)).toEqual([
        'card.state:event',
        'card.eject:intent',
        'card.eject:done',
      ]);
    },
    90_000,
  );
});
