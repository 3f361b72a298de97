/**
 * The demo panel's watch of the cards' states at the back office (demo-card-states-watch.ts) reads
 * the embedded host simulator's states, in memory. It ran whatever the host: with an external back
 * office (the bench's test profile, a lab kiosk against a host of its own) it listed every emulated
 * card at boot, before the kiosk was ready, and again every second, for states it never reads from
 * an external host. The watch now starts only with an embedded host.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { loadConfig } from '@kiosk/config';
import type { HostSimulator } from '@kiosk/host-simulator';
import { HostConnection } from '../host/host-connection.js';
import { DEMO_CARD_STATES_POLL_MS } from './demo-card-states-watch.js';
import type { DemoService } from './demo.service.js';
import { demoPanelOver } from './demo-panel.spec-support.js';

/** a demo panel over an emulated card reader that counts its listings, and the panel's notifies */
function demoPanel(connection: HostConnection) {
  const listings = { count: 0 };
  const reader = {
    listCards: () => {
      listings.count += 1;
      return [{ cardId: 'zhao', cardNumber: 'H41000000104', location: 'outside' as const }];
    },
  };
  const { demo, notified } = demoPanelOver({ cardReader: reader }, { connection });
  return { panel: demo, listings, notified };
}

const externalHost = () =>
  new HostConnection(
    loadConfig({
      profile: 'test',
      overrides: ['journal.path=:memory:', 'host.mode=external', 'host.url=http://127.0.0.1:9'],
    }),
  );

describe('fault: the demo cards’ states watched with an external host', () => {
  let panel: DemoService | undefined;
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    panel?.onModuleDestroy();
    jest.useRealTimers();
  });

  it('an external host: the cards are not listed at boot nor after, the panel not told', async () => {
    const connection = externalHost();
    await connection.onModuleInit();
    const made = demoPanel(connection);
    panel = made.panel;
    panel.onModuleInit();
    jest.advanceTimersByTime(5 * DEMO_CARD_STATES_POLL_MS);
    expect(made.listings.count).toBe(0);
    expect(made.notified).toEqual([]);
  });

  it('an embedded host: the states are read at boot and every second, the panel told of a change', () => {
    const cards = new Map([['H41000000104', { state: 'made' }]]);
    const embedded = { state: { cards } } as unknown as HostSimulator;
    const connection = { embedded: () => embedded } as unknown as HostConnection;
    const made = demoPanel(connection);
    panel = made.panel;
    panel.onModuleInit();
    expect(made.listings.count).toBe(1);
    jest.advanceTimersByTime(2 * DEMO_CARD_STATES_POLL_MS);
    expect(made.listings.count).toBe(3);
    expect(made.notified).toEqual([]);
    cards.set('H41000000104', { state: 'active' });
    jest.advanceTimersByTime(DEMO_CARD_STATES_POLL_MS);
    expect(made.notified).toEqual(['demo']);
  });
});
