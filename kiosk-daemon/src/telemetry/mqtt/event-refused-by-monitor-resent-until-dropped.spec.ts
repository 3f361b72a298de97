/**
 * Fault: an event the fleet monitor refuses (out of the contract: a code out of form, another
 * kiosk's id) was never acknowledged, so the kiosk sent it again after every ack timeout and
 * reconnect until its bounded queue dropped it, crowding out good events meanwhile. The monitor
 * now answers it with a coded refusal (`refusedEvents`, ADR 0018); the kiosk drops it from its queue,
 * never sends it again, says it in the log by id and code, counts it (Prometheus) and as a drop,
 * so the fleet hears of the loss (TELEMETRY_EVENTS_DROPPED). The real publisher against the
 * monitor's embedded broker and store (a kiosk of the release before: `event-ack.contract.spec`).
 */
import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { eventually } from '@kiosk/domain/testing';
import { EVENT_REFUSALS } from '@kiosk/fleet-monitor/contract';
import { tellRefusedEvents } from '../fleet/fleet-publisher.provider.js';
import { MetricsService } from '../metrics.service.js';
import type { KioskEventInput } from './fleet-publisher.js';
import { started } from './publisher-fleet.spec-support.js';
import { OUTCOME, PIN_BLOCKED, staffAlertFleet } from './staff-alerts.spec-support.js';

const world = staffAlertFleet(1000);

/** an anomaly whose code is out of a code's form: the monitor reads it as no event of the contract */
const BROKEN = { type: 'anomaly', code: 'pin blocked' } as unknown as KioskEventInput;

describe('event-refused-by-monitor-resent-until-dropped', () => {
  it('event-refused-by-monitor-resent-until-dropped: the monitor refuses it with a code, the kiosk drops it, never sends it again, and the fleet hears of the loss', async () => {
    // no ack timeout within the case: an event unanswered that long is sent again by design, so a
    // refusal heard after a 200 ms one (a stalled process) read as the refused event sent twice
    const kiosk = await started(world.kiosk({ ackTimeoutMs: 60_000 }));
    const metrics = new MetricsService();
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    tellRefusedEvents(kiosk, metrics);
    const refused: [string, string][] = [];
    const sent: string[] = [];
    kiosk.on('refused', (event, code) => refused.push([event.id, code]));
    kiosk.on('sent', (event) => sent.push(event.id));
    kiosk.publishEvent(OUTCOME);
    const broken = kiosk.publishEvent(BROKEN);
    kiosk.publishEvent(PIN_BLOCKED);
    await eventually(() => kiosk.queued === 0, 'the queue emptied', { withinMs: 5_000 });
    expect(refused).toEqual([[broken.id, EVENT_REFUSALS.malformed]]);
    // the loss told as any drop: the monitor raises its alert
    await eventually(world.alertCodes, 'the drop told', {
      withinMs: 5_000,
      until: (codes) => codes.includes('anomaly:TELEMETRY_EVENTS_DROPPED'),
    });
    const stored = (await world.stored()).map((event) => event.type).sort();
    expect(stored).toEqual(['anomaly', 'eventsDropped', 'journeyOutcome']);
    // out of the queue, nothing sends it again (sent once, refused on its first try)
    expect(sent.filter((id) => id === broken.id)).toHaveLength(1);
    // said by id, type and code, never its body; counted
    const said = errors.mock.calls.map(([message]) => String(message)).join('\n');
    errors.mockRestore();
    expect(said).toContain(broken.id);
    expect(said).toContain(EVENT_REFUSALS.malformed);
    expect(said).not.toContain('pin blocked');
    expect(await metrics.registry.getSingleMetricAsString('kiosk_fleet_events_refused_total')).toContain(
      `kiosk_fleet_events_refused_total{type="anomaly",code="${EVENT_REFUSALS.malformed}"} 1`,
    );
  });
});
