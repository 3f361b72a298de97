/**
 * The fault: RULES.md's anomaly monitoring flags to the host AND the fleet, but the fleet heard
 * only what ended a session at this kiosk (ANOMALY_BLOCKED, PIN_BLOCKED, CASH_NOT_TAKEN). The
 * host's own verdicts (the same card at two kiosks within minutes, withdrawals near the cap on
 * consecutive days, wrong PINs past the count) stayed at the host: a balance checked at one kiosk
 * and a withdrawal tried at another minutes later told the fleet nothing of the card, and a flag
 * that blocks nothing was never seen by an operator. The real host simulator answering two
 * kiosks' real host clients over HTTP; the fleet publisher a stand-in that keeps the events.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@kiosk/config';
import { demoResident, ErrorCode } from '@kiosk/domain';
import { createHostSimulator, type HostSimulator } from '@kiosk/host-simulator';
import { HostConnection } from '../../host/host-connection.js';
import { HostService } from '../../host/host.service.js';
import type { FleetPublisher, KioskEventInput } from '../mqtt/fleet-publisher.js';
import { MetricsService } from '../metrics.service.js';
import { HostAnomaliesToFleet, hostAnomalyEvents } from './host-anomalies-to-fleet.js';

const li = demoResident('li')!;
const KEYS = { 'JZ-0001': 'anomaly-spec-key-jz-0001', 'JZ-0002': 'anomaly-spec-key-jz-0002' } as const;
const START = Date.parse('2026-11-26T02:00:00.000Z');
const DAY = 86_400_000;

/** One kiosk: its host client as the daemon builds it, and what its fleet link told. */
interface Kiosk {
  readonly host: HostService;
  readonly told: KioskEventInput[];
  stop(): Promise<void>;
}

describe('fault: the host’s anomaly verdicts are not told to the fleet', () => {
  let simulator: HostSimulator;
  let url = '';
  let clock = START;
  let serial = 0;
  const kiosks: Kiosk[] = [];

  async function kiosk(id: keyof typeof KEYS): Promise<Kiosk> {
    const config = loadConfig({
      profile: 'test',
      overrides: [
        'journal.path=:memory:',
        `kiosk.id=${id}`,
        'host.mode=external',
        `host.url=${url}`,
        `host.kioskKey=${KEYS[id]}`,
      ],
    });
    const connection = new HostConnection(config);
    await connection.onModuleInit();
    const told: KioskEventInput[] = [];
    const publisher = {
      publishEvent: (event: KioskEventInput) => told.push(event),
    } as unknown as FleetPublisher;
    const link = new HostAnomaliesToFleet(publisher, connection);
    link.onApplicationBootstrap();
    const made: Kiosk = {
      host: new HostService(connection, new MetricsService()),
      told,
      stop: async () => {
        link.beforeApplicationShutdown();
        await connection.onApplicationShutdown();
      },
    };
    kiosks.push(made);
    return made;
  }

  const authorise = (k: Kiosk, amountFen: number) =>
    k.host.authoriseWithdrawal({
      cardNumber: li.cardNumber,
      idNumber: li.idNumber,
      amountFen,
      transactionSerial: `S${++serial}`,
    });

  beforeAll(async () => {
    simulator = createHostSimulator({ kioskKeys: KEYS, residents: 10, now: () => new Date(clock) });
    url = (await simulator.listen(0, '127.0.0.1')).url;
  });
  afterAll(async () => {
    for (const k of kiosks.splice(0)) await k.stop();
    await simulator.close();
  });
  beforeEach(() => {
    simulator.anomalies.clearBlock(li.cardNumber);
  });

  it('the same card at two kiosks within minutes: the second kiosk tells the fleet, with the refusal its resident reads', async () => {
    const [first, second] = [await kiosk('JZ-0001'), await kiosk('JZ-0002')];
    clock = START;
    await first.host.card(li.cardNumber);
    clock = START + 3 * 60_000;
    await expect(authorise(second, 10_000)).rejects.toMatchObject({ code: ErrorCode.ANOMALY_BLOCKED });
    expect(first.told).toEqual([]);
    expect(second.told).toEqual([{ type: 'anomaly', code: ErrorCode.ANOMALY_SAME_CARD_TWO_KIOSKS }]);
    // the code alone: no card number, ID number or name reaches the fleet
    expect(JSON.stringify(second.told)).not.toMatch(new RegExp(`${li.cardNumber}|${li.idNumber}|${li.name}`));
  });

  it('withdrawals near the cap on consecutive days: told when the host flags them, though nothing is refused', async () => {
    const k = await kiosk('JZ-0001');
    for (let day = 10; day < 12; day += 1) {
      clock = START + day * DAY;
      await authorise(k, 50_000);
      await authorise(k, 40_000);
    }
    expect(k.told).toEqual([{ type: 'anomaly', code: ErrorCode.ANOMALY_NEAR_CAP_DAYS }]);
  });

  it('wrong PINs past the host’s count: told with the PIN event that crossed it', async () => {
    const k = await kiosk('JZ-0002');
    clock = START + 20 * DAY;
    for (let wrong = 0; wrong < 3; wrong += 1)
      await k.host.reportPinEvent(li.cardNumber, 'wrong', `P${++serial}`);
    expect(k.told).toEqual([{ type: 'anomaly', code: ErrorCode.ANOMALY_PIN_FAILURES }]);
  });

  it('cash retracted and reversed by boot recovery (no session to tell it): the host’s flag is told', async () => {
    const k = await kiosk('JZ-0001');
    clock = START + 30 * DAY;
    const held = await authorise(k, 10_000);
    await k.host.reverseWithdrawal(held.authorisationId, `S${serial}`, { reason: 'retracted' });
    expect(k.told).toEqual([{ type: 'anomaly', code: ErrorCode.ANOMALY_RETRACTED_CASH }]);
  });

  it('one event per verdict an answer names, one code per rule', () => {
    expect(
      hostAnomalyEvents([
        { rule: 'retractedCash', action: 'block' },
        { rule: 'pinFailures', action: 'flag' },
      ]),
    ).toEqual([
      { type: 'anomaly', code: ErrorCode.ANOMALY_RETRACTED_CASH },
      { type: 'anomaly', code: ErrorCode.ANOMALY_PIN_FAILURES },
    ]);
  });
});
