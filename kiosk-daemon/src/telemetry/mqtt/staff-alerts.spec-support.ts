/**
 * The world of the staff alert specs (staff-alert-dropped-on-long-broker-outage, its run on
 * Mosquitto, staff-alert-lost-across-restart-during-outage, self-test-alert-queued-again-each-failure-in-one-run,
 * staff-alerts-grow-without-bound-in-long-outage, self-test-alert-lost-when-sent-before-restart,
 * alert-stored-after-the-status-that-resolved-it; its fleet and kiosk also serve
 * kiosk-clock-stepped-back-told-to-fleet): two alerts that need staff, the plain telemetry
 * that filled the queue behind them, the kiosk's statuses placed and held by its self test, and an
 * in-process fleet monitor with its broker and kiosks on the queue file of each test.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '@kiosk/domain/testing';
import type { FleetMonitor } from '@kiosk/fleet-monitor';
import type { FleetPublisher, FleetPublisherOptions, KioskStatusInput } from './fleet-publisher.js';
import { publisherFleet } from './publisher-fleet.spec-support.js';

export const GIVEN_UP = { type: 'anomaly', code: 'HOST_ACT_ABANDONED' } as const;
export const NEEDS_STAFF = { type: 'recoveryNeedsStaff', code: 'SELF_TEST_FAILED' } as const;
export const OUTCOME = {
  type: 'journeyOutcome',
  journey: 'balance',
  outcome: 'completed',
  durationMs: 9_000,
} as const;
/** alerts that need staff that the kiosk does not tell again from its journal */
export const PIN_BLOCKED = { type: 'anomaly', code: 'PIN_BLOCKED' } as const;
export const CASH_NOT_TAKEN = { type: 'anomaly', code: 'CASH_NOT_TAKEN' } as const;

/** the kiosk placed by its devices: in service (a status that resolves its recovery alerts) */
export const PLACED: KioskStatusInput = { mode: 'inService', journeysOffered: ['balance'], devices: [] };
/** the kiosk held by its self test (failed, or timed out) */
export const heldBy = (reason: 'SELF_TEST_FAILED' | 'SELF_TEST_TIMEOUT'): KioskStatusInput => ({
  ...PLACED,
  mode: 'outOfService',
  reason,
  journeysOffered: [],
});

export interface StaffAlertFleet {
  /** the monitor of the running test */
  readonly fleet: FleetMonitor;
  /** a kiosk JZ-0001 on the queue file of this test, a queue of `queueLimit`, not started */
  kiosk(options?: Partial<FleetPublisherOptions>): FleetPublisher;
  /** the kind and code of each active alert, sorted */
  alertCodes(): Promise<string[]>;
  /** the events the queue file of this test holds */
  eventsInFile(): unknown[];
  /** the queue file of this test */
  queueFile(): string;
  /** the events the monitor stored of JZ-0001, newest first */
  stored(): ReturnType<FleetMonitor['store']['recentEvents']>;
  /** Starts the broker again and the kiosk, and waits until a monitor stored all it queued. */
  brokerBack(publisher: FleetPublisher): Promise<void>;
}

/** Starts a fleet monitor before each test and stops it and its kiosks after it (`publisherFleet`). */
export function staffAlertFleet(queueLimit: number): StaffAlertFleet {
  const world = publisherFleet({ 'JZ-0001': 'secret-jz' }, 'staff-alert-');
  const queueFile = () => join(world.dir, 'fleet-queue.json');
  return {
    get fleet() {
      return world.fleet;
    },
    kiosk: (options = {}) =>
      world.publisher({
        kioskId: 'JZ-0001',
        password: 'secret-jz',
        queueLimit,
        queueFile: queueFile(),
        ...options,
      }),
    stored: () => world.fleet.store.recentEvents('JZ-0001', 1000),
    async brokerBack(publisher) {
      const connected = once(publisher, 'connected');
      await world.fleet.broker.start();
      publisher.start();
      await connected;
      await eventually(() => publisher.queued === 0, 'the backlog stored', { withinMs: 10_000 });
    },
    queueFile,
    eventsInFile: () => (JSON.parse(readFileSync(queueFile(), 'utf8')) as { events: unknown[] }).events,
    alertCodes: async () => (await world.fleet.store.activeAlerts()).map((a) => `${a.kind}:${a.code}`).sort(),
  };
}
