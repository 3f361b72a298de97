/**
 * RULES.md, anomaly monitoring: flagged to the host AND the fleet, end to end. The fault: the
 * host's own verdicts never reached the fleet. Here a card is looked up at another kiosk (JZ-0002,
 * this test over HTTP) and, a minute later, its holder checks the balance at this kiosk (the real
 * daemon, external back office in this process): the host blocks the card's withdrawals
 * (sameCardTwoKiosks), names it in the balance's answer, and the real fleet monitor (its own
 * process, embedded broker, SQLite file) raises an anomaly alert for this kiosk with the rule's
 * code and no card number. The resident's balance is shown all the same. Needs `npx tsc -b`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_RESIDENTS, ErrorCode } from '@kiosk/domain';
import { createHostSimulator, type HostSimulator } from '@kiosk/host-simulator';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { fleetAlertsOf, fleetMonitorForSuite } from './fleet-monitor-process.js';
import { UiClient } from './ui-client.js';

const KIOSK = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';
const OTHER = 'JZ-0002';
const OTHER_KEY = 'other-kiosk-key-JZ-0002';
const PASSWORD = 'kiosk-e2e-password-9001';
const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

describe('fault: the host’s anomaly verdict never reaches the fleet', () => {
  let host: HostSimulator;
  let daemon: DaemonProcess | undefined;
  let ui: UiClient;
  let hostUrl = '';
  const fleet = fleetMonitorForSuite({ [KIOSK]: PASSWORD }, () => {
    ui?.close();
    return daemon?.stop('SIGKILL');
  });

  beforeAll(async () => {
    host = createHostSimulator({ kioskKeys: { [KIOSK]: KIOSK_KEY, [OTHER]: OTHER_KEY } });
    hostUrl = (await host.listen(0, '127.0.0.1')).url;
    daemon = await startDaemon(
      [
        ...['--set', 'demo.panel=true', '--set', 'host.mode=external', '--set', `host.url=${hostUrl}`],
        ...fleet.kioskArgs(PASSWORD),
      ],
      { dir: fleet.kioskDir },
    );
    ui = new UiClient(daemon.url);
    await ui.connected();
    await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'));
  }, 60_000); // the daemon may take its 45 s to be ready

  afterAll(async () => {
    await host?.close();
  });

  it('the same card at two kiosks within minutes: an anomaly alert for this kiosk, the rule’s code, no card number', async () => {
    const elsewhere = await fetch(`${hostUrl}/v1/cards/${zhang.cardNumber}`, {
      headers: { 'x-kiosk-id': OTHER, authorization: `Bearer ${OTHER_KEY}` },
    });
    expect(elsewhere.status).toBe(200);

    await ui.startWithCardAndPin('balance', zhang.key, zhang.cardPin);
    await ui.waitForSession((v) => v?.step === 'showBalance');
    await ui.finishAndTakeCard();

    const { raised, listed } = await fleetAlertsOf(fleet.monitor, KIOSK, 'anomaly', 'the anomaly alert');
    expect(raised).toEqual([expect.objectContaining({ code: ErrorCode.ANOMALY_SAME_CARD_TWO_KIOSKS })]);
    expect(host.state.cards.get(zhang.cardNumber)?.withdrawalBlock).toBe('sameCardTwoKiosks');
    const detail = await fleet.monitor.api('GET', `/kiosks/${KIOSK}`);
    expect(JSON.stringify([listed, detail.body])).not.toContain(zhang.cardNumber);
  }, 60_000);
});
