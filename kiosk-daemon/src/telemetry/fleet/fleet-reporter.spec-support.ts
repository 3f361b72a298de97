/**
 * The fleet reporter on stand-ins for the kiosk's sessions and devices, for the specs of what it
 * reads from the journal and tells the fleet: the kiosk's mode (unless the spec runs the kiosk
 * machine, `kiosk`), its sessions' ends and (unless the spec gives field staff's real maintenance
 * service) what field staff do are the spec's to tell. The publisher, the journal (a stand-in with
 * nothing open when absent) and recovery are the spec's own: a real publisher on a test fleet, or
 * `keptEvents`.
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { DeviceStatus, KioskMode, KioskView } from '@kiosk/domain';
import type { JournalService } from '../../journal/journal.service.js';
import type { MaintenanceService } from '../../maintenance/maintenance.service.js';
import type { SessionRecoveryService } from '../../sessions/session-recovery.service.js';
import type { SessionEnded } from '../../sessions/sessions.service.js';
import type { FleetPublisher, KioskEventInput, KioskStatusInput } from '../mqtt/fleet-publisher.js';
import { FleetReporter } from './fleet-reporter.service.js';

export interface ReporterWorld {
  readonly publisher: FleetPublisher;
  /** absent: a journal with no transaction open (nothing left for staff) */
  readonly journal?: JournalService;
  /** the kiosk's mode at start (in service by default) */
  readonly mode?: KioskMode;
  /** the kiosk machine the spec runs, its view and its changes; absent: a stand-in told by `toMode` */
  readonly kiosk?: { view(): KioskView; onChange(listener: () => void): () => void };
  readonly statuses?: () => DeviceStatus[];
  /** field staff's maintenance service; absent: a stand-in whose acts the spec tells (`staffActed`) */
  readonly maintenance?: MaintenanceService;
  readonly recovery?: SessionRecoveryService;
  /** the device counters the card printer's count of cards issued is read from; absent: none counted */
  readonly counters?: { latestCounters(): Promise<unknown> };
}

/** A started reporter: what the kiosk and field staff do is told through these. */
export function reporterOn(on: ReporterWorld) {
  let view: KioskView = {
    kioskId: on.publisher.kioskId,
    mode: on.mode ?? 'inService',
    journeysOffered: ['withdraw'],
    devices: [],
    demo: false,
  };
  const viewListeners = new Set<(kind: 'kiosk') => void>();
  let sessionEnded: (ended: SessionEnded) => void = () => undefined;
  const staff = new EventEmitter();
  const kiosk = on.kiosk;
  const reporter = new FleetReporter(
    on.publisher,
    {
      kioskView: () => (kiosk ? kiosk.view() : view),
      onViewChange: (listener: (kind: 'kiosk') => void) => {
        if (kiosk) return kiosk.onChange(() => listener('kiosk'));
        viewListeners.add(listener);
        return () => viewListeners.delete(listener);
      },
      onSessionEnded: (listener: (ended: SessionEnded) => void) => {
        sessionEnded = listener;
        return () => undefined;
      },
    } as never,
    { statuses: on.statuses ?? (() => []), onAnyStatus: () => () => undefined } as never,
    { acknowledged: () => undefined, auditRefusal: async () => undefined } as never,
    (on.maintenance ?? staff) as never,
    (on.counters ?? { latestCounters: async () => ({}) }) as never,
    on.journal ?? ({ openTransactions: async () => [] } as never),
    on.recovery,
  );
  reporter.onApplicationBootstrap();
  return {
    reporter,
    /** a withdrawal's session ended (its transaction closed first, as the sessions service does) */
    withdrawalEnded: (code: string) =>
      sessionEnded({ journey: 'withdraw', outcome: 'failed', code, durationMs: 90_000 }),
    /** a session ended, as the sessions service tells it */
    sessionEnded: (ended: SessionEnded) => sessionEnded(ended),
    /** field staff did something (the stand-in's `action`) */
    staffActed: () => staff.emit('action'),
    /** the kiosk's mode changes (a self test begun or over) */
    toMode: (mode: KioskMode) => {
      view = { ...view, mode };
      for (const listener of viewListeners) listener('kiosk');
    },
    stop: () => reporter.beforeApplicationShutdown(),
  };
}

type StaffAlertEvent = Extract<KioskEventInput, { type: 'recoveryNeedsStaff' }>;

/**
 * A publisher on no broker that keeps the events it is told, with their ids, and the statuses; it
 * says `queued` events wait (none by default) and emits what the spec emits on it, as the real one.
 */
export function keptEvents(kioskId = 'JZ-0001', queued = 0) {
  const events: { readonly event: KioskEventInput; readonly id: string }[] = [];
  const statuses: KioskStatusInput[] = [];
  const publisher = Object.assign(new EventEmitter(), {
    kioskId,
    queued,
    publishEvent: (event: KioskEventInput, id: string = randomUUID()) => void events.push({ event, id }),
    publishStatus: (status: KioskStatusInput) => void statuses.push(status),
    start: () => undefined,
    stop: async () => undefined,
  });
  const staffAlerts = () =>
    events.filter((e): e is { event: StaffAlertEvent; id: string } => e.event.type === 'recoveryNeedsStaff');
  return { publisher: publisher as unknown as FleetPublisher, events, statuses, staffAlerts };
}
