/**
 * The daemon of the calling describe on a host simulator in the test process, reached as an
 * external host: a test changes a card's state at the back office (reported lost at another
 * counter or on the phone, unfrozen) between two journeys of one session, and reads what the
 * host was asked. The host listens before the daemon starts (hooks run in the order declared)
 * and is closed after it stopped. Shared by the specs of a card reported lost mid-session.
 */
import { DEMO_ISSUER_KEY } from '@kiosk/device-drivers';
import type { DemoResident } from '@kiosk/domain';
import { createHostSimulator, type HostSimulator } from '@kiosk/host-simulator';
import { daemonForSuite, type DaemonForSuite } from './daemon-for-suite.js';
import { eventually } from '@kiosk/domain/testing';
import type { UiClient } from './ui-client.js';

// the test profile's kiosk and its key (not secret)
const KIOSK_ID = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';

export interface DaemonOnHostHere extends DaemonForSuite {
  /** the back office, readable from the suite's `beforeAll` on */
  readonly host: HostSimulator;
  /**
   * The back office acts on `resident`'s card as the holder asks it (`temporary-loss`,
   * `unfreeze`, ...): answered 200.
   */
  cardStateAtHost(resident: DemoResident, action: string): Promise<void>;
  /**
   * Waits (real time: the kiosk reaches the host over HTTP, some calls in the background, such
   * as a PIN's outcome) until `probe` holds of the host's state; fails naming `what` after `ms`.
   */
  untilHost(probe: (host: HostSimulator) => boolean, what: string, ms?: number): Promise<void>;
}

/** `extraArgs`: the daemon's further `--set`s (a longer host timeout, ...). */
export function daemonOnHostHere(extraArgs: readonly string[] = []): DaemonOnHostHere {
  let host: HostSimulator | undefined;
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
    ...extraArgs,
  ]);
  afterAll(async () => {
    await host?.close();
  });

  return {
    get daemon() {
      return suite.daemon;
    },
    get ui() {
      return suite.ui;
    },
    get host() {
      if (host === undefined) throw new Error('the host simulator has not started (its beforeAll failed)');
      return host;
    },
    async cardStateAtHost(resident, action) {
      const res = await fetch(new URL(`/v1/cards/${resident.cardNumber}/${action}`, hostUrl), {
        method: 'POST',
        headers: {
          'x-kiosk-id': KIOSK_ID,
          authorization: `Bearer ${KIOSK_KEY}`,
          'content-type': 'application/json',
          'idempotency-key': `${action}-${Date.now()}`,
        },
        body: JSON.stringify({ idNumber: resident.idNumber }),
      });
      expect(res.status).toBe(200);
    },
    async untilHost(probe, what, ms = 10_000) {
      await eventually(async () => host !== undefined && probe(host), what, { withinMs: ms });
    },
  };
}

/**
 * Whatever session a test left (one that failed half-way: the card in, a refusal on screen) is
 * ended as a resident ends it: cancelled, the card taken at the slot, up to the ended view or
 * none, so the next test starts on an idle kiosk whatever this one did.
 */
export async function sessionLeftEnded(ui: UiClient): Promise<void> {
  for (let tries = 0; tries < 5; tries += 1) {
    const step = ui.session?.step;
    if (step === undefined || step === 'ended') return;
    if (step === 'takeCard') await ui.emit('demo.card', { action: 'take' });
    else await ui.emit('session.command', { command: 'cancel' }).catch(() => undefined);
    await ui.waitForSession((v) => v === null || v.step !== step, 5_000).catch(() => undefined);
  }
  throw new Error(`the session left by the test did not end: at ${ui.session?.step ?? 'none'}`);
}
