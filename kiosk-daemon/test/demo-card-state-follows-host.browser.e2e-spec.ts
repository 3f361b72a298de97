/**
 * The demo panel's cards showed the state they had at the last notify of the panel: a card whose
 * state changed at the demo's back office itself (reported lost there, unfrozen again) kept its
 * old state on the panel until something else (a card moved, a fault set) made the daemon send the
 * panel's state again. The panel now follows the host: the real daemon with its embedded back
 * office, the card's state changed over the host's own API, the panel read in the real browser.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { portBelowEphemeralRange } from '../../fleet-monitor/src/testing/fixed-port.js';
import { kioskPageForSuite } from './daemon-with-ui.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
/** the test profile's kiosk and key at its embedded back office */
const KIOSK_ID = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';

describe('the demo panel follows a card’s state changed at the back office (real browser, real daemon)', () => {
  let hostPort = 0;
  const kiosk = kioskPageForSuite(async () => {
    hostPort = await portBelowEphemeralRange();
    return ['--set', `host.embeddedPort=${hostPort}`];
  }, 'demo-card-state');

  /** The office changes the card's state at the host, not through this kiosk's session. */
  async function atHost(action: 'temporary-loss' | 'unfreeze'): Promise<void> {
    const res = await fetch(`http://127.0.0.1:${hostPort}/v1/cards/${zhang.cardNumber}/${action}`, {
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

  const stateOnPanel = (state: string) =>
    kiosk.page
      .locator(`[data-testid="demo-card-${zhang.key}"][data-state="${state}"]`)
      .waitFor({ timeout: 10_000 });

  it('shows a card reported lost at the host as lost, and active again once unfrozen, with nothing else done', async () => {
    await kiosk.home();
    await stateOnPanel('active');
    const words = () => kiosk.page.getByTestId(`demo-card-${zhang.key}`).locator('em').innerText();
    const activeWords = await words();

    await atHost('temporary-loss');
    await stateOnPanel('temporarilyLost');
    expect(await words()).not.toBe(activeWords);

    await atHost('unfreeze');
    await stateOnPanel('active');
    expect(await words()).toBe(activeWords);
  }, 60_000);
});
