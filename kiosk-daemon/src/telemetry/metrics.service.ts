import { Injectable } from '@nestjs/common';
import type { DeviceStatus } from '@kiosk/domain';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of this kiosk, in a registry of its own (never the process-global one). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly sessions = new Counter({
    name: 'kiosk_sessions_total',
    help: 'Resident sessions ended, by journey and outcome',
    labelNames: ['journey', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly gatewayErrors = new Counter({
    name: 'kiosk_gateway_errors_total',
    help: 'Inbound UI messages refused at the gateway, by error code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly hostCalls = new Counter({
    name: 'kiosk_host_calls_total',
    help: 'Calls to the back office, by operation and result code',
    labelNames: ['operation', 'result'] as const,
    registers: [this.registry],
  });

  readonly maintenanceActions = new Counter({
    name: 'kiosk_maintenance_actions_total',
    help: 'Field staff actions (log-in, refills, bins, tests, faults), by action and result code (ok when done)',
    labelNames: ['action', 'result'] as const,
    registers: [this.registry],
  });

  readonly fleetEventsRefused = new Counter({
    name: 'kiosk_fleet_events_refused_total',
    help: 'Telemetry events the fleet monitor refused for good (dropped from the queue), by event type and refusal code',
    labelNames: ['type', 'code'] as const,
    registers: [this.registry],
  });

  readonly deviceUp = new Gauge({
    name: 'kiosk_device_up',
    help: '1 when the device is online or busy, else 0',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  #hostActsOwed: () => number = () => 0;

  readonly hostActsOwed: Gauge = new Gauge({
    name: 'kiosk_host_acts_owed',
    help: 'Acts owed to the back office (PIN outcomes, hold releases, reversals, card reports) tried again in the background',
    registers: [this.registry],
    collect: (): void => this.hostActsOwed.set(this.#hostActsOwed()),
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'kiosk_' });
  }

  observeDevices(statuses: readonly DeviceStatus[]): void {
    for (const s of statuses)
      this.deviceUp.set({ kind: s.kind }, s.device === 'online' || s.device === 'busy' ? 1 : 0);
  }

  /** `kiosk_host_acts_owed` reads `acts` (the background tries of host acts) at each scrape. */
  countHostActsOwed(acts: { readonly owedActs: number }): void {
    this.#hostActsOwed = () => acts.owedActs;
  }
}
