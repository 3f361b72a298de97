/**
 * The world of the staff alert specs (staff-alert-dropped-on-long-broker-outage, its run on
 * Mosquitto, staff-alert-lost-across-restart-during-outage, self-test-alert-queued-again-each-failure-in-one-run,
 * staff-alerts-grow-without-bound-in-long-outage, self-test-alert-lost-when-sent-before-restart,
 * alert-stored-after-the-status-that-resolved-it; its fleet and kiosk also serve
 * kiosk-clock-stepped-back-told-to-fleet): two alerts that need staff, the plain telemetry
 * that filled the queue behind them, the kiosk's statuses placed and held by its self test, and an
 * in-process fleet monitor with its broker and kiosks on the queue file of each test.
 */
import { afterEach, beforeEach } from '@jest/globals';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@kiosk/domain/testing';
import { startTestFleet, type FleetMonitor } from '@kiosk/fleet-monitor';
import { FleetPublisher, type FleetPublisherOptions, type KioskStatusInput } from './fleet-publisher.js';

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

/** Starts a fleet monitor before each test and stops it and its kiosks after it. */
export function staffAlertFleet(queueLimit: number): StaffAlertFleet {
  let fleet: FleetMonitor | undefined;
  let url = '';
  let dir = '';
  const kiosks: FleetPublisher[] = [];
  beforeEach(async () => {
    ({ fleet, url } = await startTestFleet({ kiosks: { 'JZ-0001': 'secret-jz' } }));
    dir = mkdtempSync(join(tmpdir(), 'staff-alert-'));
  });
  afterEach(async () => {
    for (const kiosk of kiosks.splice(0)) await kiosk.stop();
    await fleet?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const started = (): FleetMonitor => {
    if (!fleet) throw new Error('the test fleet has not started');
    return fleet;
  };
  return {
    get fleet() {
      return started();
    },
    kiosk(options = {}) {
      const publisher = new FleetPublisher({
        url,
        kioskId: 'JZ-0001',
        password: 'secret-jz',
        version: '0.1.0-test',
        onCommand: () => ({ result: 'done' }),
        reconnectPeriodMs: 50,
        queueLimit,
        queueFile: join(dir, 'fleet-queue.json'),
        ...options,
      });
      kiosks.push(publisher);
      return publisher;
    },
    stored: () => started().store.recentEvents('JZ-0001', 1000),
    async brokerBack(publisher) {
      const connected = once(publisher, 'connected');
      await started().broker.start();
      publisher.start();
      await connected;
      await eventually(() => publisher.queued === 0, 'the backlog stored', { withinMs: 10_000 });
    },
    queueFile: () => join(dir, 'fleet-queue.json'),
    eventsInFile: () =>
      (JSON.parse(readFileSync(join(dir, 'fleet-queue.json'), 'utf8')) as { events: unknown[] }).events,
    alertCodes: async () => (await started().store.activeAlerts()).map((a) => `${a.kind}:${a.code}`).sort(),
  };
}
