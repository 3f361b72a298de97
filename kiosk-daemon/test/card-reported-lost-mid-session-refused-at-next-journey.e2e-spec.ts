/**
 * The fault: a balance, records or a withdrawal chosen after another journey of the same session
 * (the card still in, its PIN verified) asked the host nothing of the card's state: a card
 * reported lost meanwhile (another counter, the phone line) was refused only by the host's answer
 * to the journey's own call, a withdrawal's after its resident placed the ID card and faced the
 * camera. Now the next journey asks the card's state first, as the card read does. The
 * bundled daemon against a host simulator in this process (reached as an external host), so the
 * card is reported lost at the host between two journeys of one session.
 */
import { DEMO_ISSUER_KEY } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, type DemoResident } from '@kiosk/domain';
import { createHostSimulator, type HostSimulator } from '@kiosk/host-simulator';
import { daemonForSuite } from './daemon-for-suite.js';
import { journalSteps, lastTransactionClosed, takeCardBack } from './pin-journeys.helpers.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const KIOSK_ID = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';

describe('a card reported lost mid-session is refused at the next journey', () => {
  let host: HostSimulator;
  let hostUrl = '';
  beforeAll(async () => {
    host = createHostSimulator({
      kioskKeys: { [KIOSK_ID]: KIOSK_KEY },
      issuerMasterKey: DEMO_ISSUER_KEY.toString('hex'),
    });
    hostUrl = (await host.listen(0, '127.0.0.1')).url;
  });
  const suite = daemonForSuite(() => [
    ...['--set', 'host.mode=external', '--set', `host.url=${hostUrl}`],
    ...['--set', `host.kioskKey=${KIOSK_KEY}`],
  ]);
  afterAll(async () => {
    await host?.close();
  });

  async function cardStateAtHost(resident: DemoResident, action: string): Promise<void> {
    const res = await fetch(new URL(`/v1/cards/${resident.cardNumber}/${action}`, hostUrl), {
      method: 'POST',
      headers: {
        'x-kiosk-id': KIOSK_ID,
        authorization: `Bearer ${KIOSK_KEY}`,
        'content-type': 'application/json',
        'idempotency-key': `${action}-${Date.now()}`,
      },
      body: JSON.stringify({ idNumber: zhang.idNumber }),
    });
    expect(res.status).toBe(200);
  }
  /** what the host answered this kiosk for the card, by route, since `from` */
  const hostCalls = (from: number) =>
    host.state.audit
      .slice(from)
      .filter((a) => a.cardNumber === zhang.cardNumber)
      .map((a) => `${a.action} ${a.outcome}`);

  beforeAll(async () => {
    await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'));
  }, 30_000);

  it.each(['withdraw', 'records', 'balance'])(
    'a balance, the card reported lost at the host, then %s: refused CARD_NOT_ACTIVE as it starts',
    async (next) => {
      await suite.ui.startWithCardAndPin('balance', zhang.key, zhang.cardPin);
      const balance = await suite.ui.waitForSession((v) => v?.step === 'showBalance');
      await cardStateAtHost(zhang, 'temporary-loss');
      const from = host.state.audit.length;
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
