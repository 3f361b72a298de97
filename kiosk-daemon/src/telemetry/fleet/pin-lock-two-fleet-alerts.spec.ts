/**
 * The fault: a PIN locked on a card raised two fleet alerts for one event. The session it ended
 * told the fleet PIN_BLOCKED (with the journey's outcome), and the kiosk's report of the lock to
 * the host (the PIN event `blocked`) came back with the host's flag of it (`pinFailures=flag`),
 * told on as ANOMALY_PIN_FAILURES: the operator saw the same lock twice, under two names. Now the
 * kiosk's own alert stands (it carries the journey and reaches the fleet with the host away) and the
 * host's flag of a lock is not told again; a session the lock did not end by its code (the card then
 * not taken and retracted) still tells it (`pinLocked`); the host still keeps its flag, and its verdicts on wrong
 * PINs past its count (no lock on the card) are still told. Only the kiosk sends less: monitors of
 * every release read it as before (ADR 0018). The real host simulator answering the daemon's real
 * host client over HTTP; the fleet publisher a stand-in that keeps the events.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@kiosk/config';
import { demoResident, ErrorCode } from '@kiosk/domain';
import { createHostSimulator, type HostSimulator } from '@kiosk/host-simulator';
import { HostConnection } from '../../host/host-connection.js';
import { HostService } from '../../host/host.service.js';
import type { FleetPublisher, KioskEventInput } from '../mqtt/fleet-publisher.js';
import { MetricsService } from '../metrics.service.js';
import { sessionEvents } from './fleet-telemetry-mapping.js';
import { HostAnomaliesToFleet } from './host-anomalies-to-fleet.js';

const li = demoResident('li')!;
const zhang = demoResident('zhang')!;
const KIOSK = 'JZ-0001';
const KEY = 'pin-lock-spec-key-jz-0001';

describe('fault: a PIN lock raises two fleet alerts', () => {
  let simulator: HostSimulator;
  let connection: HostConnection;
  let host: HostService;
  let link: HostAnomaliesToFleet;
  const told: KioskEventInput[] = [];

  beforeAll(async () => {
    simulator = createHostSimulator({ kioskKeys: { [KIOSK]: KEY }, residents: 10 });
    const { url } = await simulator.listen(0, '127.0.0.1');
    connection = new HostConnection(
      loadConfig({
        profile: 'test',
        overrides: [
          'journal.path=:memory:',
          `kiosk.id=${KIOSK}`,
          'host.mode=external',
          `host.url=${url}`,
          `host.kioskKey=${KEY}`,
        ],
      }),
    );
    await connection.onModuleInit();
    host = new HostService(connection, new MetricsService());
    const publisher = {
      publishEvent: (event: KioskEventInput) => told.push(event),
    } as unknown as FleetPublisher;
    link = new HostAnomaliesToFleet(publisher, connection);
    link.onApplicationBootstrap();
  });
  afterAll(async () => {
    link.beforeApplicationShutdown();
    await connection.onApplicationShutdown();
    await simulator.close();
  });

  const anomalies = (events: readonly KioskEventInput[]) => events.filter((e) => e.type === 'anomaly');
  const hostFlags = (cardNumber: string) =>
    simulator.state.anomalies.filter((a) => a.cardNumber === cardNumber && a.rule === 'pinFailures');

  it('the PIN locked at the third wrong try: one anomaly alert, PIN_BLOCKED; the host keeps its flag', async () => {
    told.length = 0;
    // what the session tells the host as the card answers (the wrong tries below the host's count)
    await host.reportPinEvent(li.cardNumber, 'wrong', 'T-1:1');
    await host.reportPinEvent(li.cardNumber, 'blocked', 'T-1:2');
    // ... and the fleet as the session ends
    const fleet = [
      ...told,
      ...sessionEvents({
        journey: 'balance',
        outcome: 'failed',
        code: ErrorCode.PIN_BLOCKED,
        durationMs: 40_000,
        pinLocked: true,
      }),
    ];
    expect(anomalies(fleet)).toEqual([{ type: 'anomaly', code: ErrorCode.PIN_BLOCKED }]);
    expect(hostFlags(li.cardNumber)).toEqual([expect.objectContaining({ action: 'flag', kioskId: KIOSK })]);
  });

  it('the PIN locked and the card then not taken (retracted): the lock is still the one alert', () => {
    const events = sessionEvents({
      journey: 'withdraw',
      outcome: 'cardRetracted',
      code: ErrorCode.CARD_NOT_TAKEN_RETRACTED,
      durationMs: 70_000,
      pinLocked: true,
    });
    expect(anomalies(events)).toEqual([{ type: 'anomaly', code: ErrorCode.PIN_BLOCKED }]);
    expect(events).toContainEqual(expect.objectContaining({ type: 'retract', item: 'card' }));
  });

  it('the lock told again (a background try answered as a replay): still no alert of the host’s', async () => {
    told.length = 0;
    await host.reportPinEvent(li.cardNumber, 'blocked', 'T-1:2');
    expect(told).toEqual([]);
  });

  it('wrong PINs past the host’s count, the card not locked: the host’s verdict is still told', async () => {
    told.length = 0;
    for (const attempt of [1, 2, 3]) await host.reportPinEvent(zhang.cardNumber, 'wrong', `T-2:${attempt}`);
    expect(told).toEqual([{ type: 'anomaly', code: ErrorCode.ANOMALY_PIN_FAILURES }]);
  });
});
