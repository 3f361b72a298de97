/**
 * The demo panel named each card by the label it was made with, its state included: zhao's card
 * read "made, not yet activated" after its activation, li's "active" after a loss report, and a
 * card made on the spot "<serial> (blank)" in the resident's hands. The panel's line now comes from
 * what the chip holds (masked holder and card number) and the state the demo's back office holds
 * now: the host simulator the kiosk talks to, read in process.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@kiosk/config';
import {
  blankCardMemory,
  cardMemoryOf,
  createDemoCards,
  demoCardSpec,
  InMemoryCardStore,
  type VirtualCards,
} from '@kiosk/device-drivers';
import { demoResident } from '@kiosk/domain';
import { HostConnection } from '../host/host-connection.js';
import { HostService } from '../host/host.service.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import type { DemoService } from './demo.service.js';
import { demoPanelOver } from './demo-panel.spec-support.js';

const zhao = demoResident('zhao')!;
const li = demoResident('li')!;

function demoPanel(cards: VirtualCards, connection: HostConnection): DemoService {
  const reader = { listCards: () => cards.list().map((card) => ({ ...card, location: 'outside' as const })) };
  return demoPanelOver({ cardReader: reader }, { connection }).demo;
}

describe('the demo panel’s card lines follow the cards', () => {
  let connection: HostConnection;
  let host: HostService;
  const store = new InMemoryCardStore();
  let cards: VirtualCards;
  let panel: DemoService;
  const line = (cardId: string) => panel.state().cards.find((c) => c.cardId === cardId);

  beforeAll(async () => {
    // the test profile's embedded back office, as the daemon starts it
    connection = new HostConnection(loadConfig({ profile: 'test', overrides: ['journal.path=:memory:'] }));
    await connection.onModuleInit();
    host = new HostService(connection, new MetricsService());
    cards = createDemoCards({ store });
    panel = demoPanel(cards, connection);
  });
  afterAll(async () => {
    await connection.onApplicationShutdown();
  });

  it('an activated card reads active, no longer "made, not yet activated"', async () => {
    expect(line('zhao')).toEqual({
      cardId: 'zhao',
      label: '赵* H41******104',
      location: 'outside',
      state: 'made',
    });
    await host.activateCard(zhao.cardNumber, zhao.idNumber, 'JZ-9001-000001');
    expect(line('zhao')).toMatchObject({ label: '赵* H41******104', state: 'active' });
  });

  it('a card reported lost reads reported lost, and active again once unfrozen', async () => {
    expect(line('li')?.state).toBe('active');
    await host.reportTemporaryLoss(li.cardNumber, li.idNumber, 'JZ-9001-000002');
    expect(line('li')?.state).toBe('temporarilyLost');
    await host.unfreeze(li.cardNumber, li.idNumber, 'JZ-9001-000003');
    expect(line('li')?.state).toBe('active');
  });

  it('a blank personalised at the kiosk reads as its holder’s card, not as a blank', () => {
    cards.add(blankCardMemory('JZ9001-new-1'));
    expect(line('JZ9001-new-1')).toMatchObject({ label: 'JZ9001-new-1', state: 'blank' });
    // the chip station writes the holder's records into that blank (as personalisation does)
    const made = cardMemoryOf({ ...demoCardSpec(zhao), cardId: 'JZ9001-new-1' });
    store.save({ ...store.load('JZ9001-new-1')!, records: made.records });
    expect(line('JZ9001-new-1')).toMatchObject({ label: '赵* H41******104', state: 'active' });
  });

  it('never puts the card number in the panel’s state', () => {
    expect(JSON.stringify(panel.state())).not.toContain(zhao.cardNumber);
    expect(JSON.stringify(panel.state())).not.toContain('cardNumber');
  });
});
