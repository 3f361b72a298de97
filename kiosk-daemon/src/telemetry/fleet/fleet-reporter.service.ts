/**
 * Tells the fleet what this kiosk is doing: the retained status on every change of the kiosk's
 * state or its devices (coalesced, sent only when it differs), fault events when a device enters or
 * leaves a fault, a journey outcome (and a retract) when a session ends, `recoveryNeedsStaff` when
 * the self test failed or timed out (at start, or a later one). The card printer carries the
 * journal's count of cards issued, read at start and again when a session ends or field staff act
 * (a hand-over is journaled by either). The staff alerts the journal holds (supply acts left for
 * staff, ADR 0022; withdrawals left for staff or ended undecided, ADR 0004) are read once per
 * trigger, out of boot recovery: each told at once as `recoveryNeedsStaff` and listed or counted in
 * the status, which is retained and sent again at every reconnect, so the fleet's alert of each
 * follows the journal whatever events were lost (`journal-staff-alerts.ts`). Starts the publisher
 * once the kiosk is placed and stops it (offline status, cause shutdown) before the devices close.
 */
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { OutageLog } from '@kiosk/device-drivers';
import { KioskError, type DeviceStatus, type KioskMode, type KioskView } from '@kiosk/domain';
import { DevicesService } from '../../devices/devices.service.js';
import { DeviceCountersService } from '../../journal/device-counters.service.js';
import { JournalService } from '../../journal/journal.service.js';
import { MaintenanceService, type MaintenanceEvents } from '../../maintenance/maintenance.service.js';
import { SessionRecoveryService } from '../../sessions/session-recovery.service.js';
import { SessionsService } from '../../sessions/sessions.service.js';
import { FleetPublisher } from '../mqtt/fleet-publisher.js';
import { FleetCommandsService } from './fleet-commands.service.js';
import { JournalStaffAlerts } from './journal-staff-alerts.js';
import { recoveryAlertEventId } from './staff-alert-id.js';
import {
  faultEvents,
  recoveryEvents,
  sessionEvents,
  toFleetStatus,
  type JournalCounts,
} from './fleet-telemetry-mapping.js';

/** A connection error's code for the log ("ECONNREFUSED", the broker's refusal), else a word for it. */
function connectionCode(error: Error & { code?: unknown }): string {
  const { code } = error;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : error.name;
}

/** The modes boot recovery may still run in: the acts it leaves for staff are read once it is over. */
const RECOVERING: ReadonlySet<KioskMode> = new Set(['booting', 'selfTest']);

@Injectable()
export class FleetReporter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('Fleet');
  private readonly cleanups: (() => void)[] = [];
  private lastStatus = '';
  private lastDevices: DeviceStatus[] | undefined;
  private lastView: KioskView | undefined;
  private scheduled = false;
  private lastConnectionError = '';
  /** the code of the last connection error: what the outage is said to be */
  private lastConnectionCode = 'CONNECTION_CLOSED';
  private readonly outage = new OutageLog({
    what: 'fleet broker',
    warn: (message) => this.log.warn(message),
    info: (message) => this.log.log(message),
  });
  private stopped = false;
  /** the journal's counts the status carries, as last read (`readJournalCounts`) */
  private journalCounts: JournalCounts = {};
  /** reads begun, and the last whose answer the status carries: an older answer coming later is dropped */
  private readsBegun = 0;
  private readApplied = 0;
  private lastMode: KioskMode | undefined;
  /** the staff alerts the journal holds, each told once per start */
  private readonly staffAlerts: JournalStaffAlerts;

  constructor(
    @Inject(FleetPublisher) private readonly publisher: FleetPublisher,
    private readonly sessions: SessionsService,
    private readonly devices: DevicesService,
    private readonly commands: FleetCommandsService,
    private readonly maintenance: MaintenanceService,
    private readonly counters: DeviceCountersService,
    private readonly journal: JournalService,
    // what the self test's recovery left for staff names its alert (absent in the reporter's specs: a new id each time)
    private readonly recovery?: SessionRecoveryService,
  ) {
    this.staffAlerts = new JournalStaffAlerts(publisher, journal);
  }

  onApplicationBootstrap(): void {
    const publisher = this.publisher;
    const onConnected = () => {
      this.lastConnectionError = '';
      this.lastConnectionCode = 'CONNECTION_CLOSED'; // what a drop without an error says
      if (this.outage.down) this.outage.back();
      else this.log.log('connected to the fleet broker');
    };
    // every failed try closes the connection: the outage is said as it starts, then rarely (OutageLog)
    const onDisconnected = () =>
      this.outage.failed(this.lastConnectionCode, `${publisher.queued} events queued`);
    const onError = (error: Error & { code?: unknown }) => {
      this.lastConnectionCode = connectionCode(error);
      // said once per cause, not at every reconnect attempt
      if (error.message === this.lastConnectionError) return;
      this.lastConnectionError = error.message;
      this.log.warn(`fleet broker: ${error.message}`);
    };
    const onHandled = this.commands.acknowledged.bind(this.commands);
    const onRefused = (refusal: { code: string; commandId?: string }) =>
      void this.commands.auditRefusal(refusal);
    publisher.on('connected', onConnected);
    publisher.on('disconnected', onDisconnected);
    publisher.on('connectionError', onError);
    publisher.on('commandHandled', onHandled);
    publisher.on('commandRefused', onRefused);
    // what field staff do is told to the fleet as it happens (queued like every event)
    const onMaintenance = (...[done]: MaintenanceEvents['action']) => {
      void publisher.publishEvent({ type: 'maintenance', ...done });
      // a supervisor's verdict may have counted a card issued
      void this.readJournalCounts();
    };
    this.maintenance.on('action', onMaintenance);
    this.cleanups.push(() => {
      publisher.off('connected', onConnected);
      publisher.off('disconnected', onDisconnected);
      publisher.off('connectionError', onError);
      publisher.off('commandHandled', onHandled);
      publisher.off('commandRefused', onRefused);
      this.maintenance.off('action', onMaintenance);
    });

    this.report();
    this.cleanups.push(
      this.sessions.onViewChange((kind) => {
        if (kind !== 'kiosk') return;
        this.schedule();
        // out of boot recovery (or a later self test): what it left for staff is in the journal
        const before = this.lastMode;
        this.lastMode = this.sessions.kioskView().mode;
        if (before !== undefined && RECOVERING.has(before) && !RECOVERING.has(this.lastMode))
          void this.readJournalCounts();
      }),
      this.devices.onAnyStatus(() => this.schedule()),
      this.sessions.onSessionEnded((ended) => {
        for (const event of sessionEvents(ended)) publisher.publishEvent(event);
        void this.readJournalCounts();
      }),
      // the late sweep of held withdrawals left some for staff, or a late settlement settled some
      this.recovery?.onWithdrawalsLeftChanged(() => void this.readJournalCounts()) ?? (() => undefined),
    );
    this.lastMode = this.sessions.kioskView().mode;
    publisher.start();
    void this.readJournalCounts();
  }

  /**
   * Reads the journal's counts and staff alerts again (each trigger calls it; a spec may await it);
   * the status is sent anew when they moved. Reads may overlap (a session's end right after the
   * start's): an answer older than one already carried is dropped. The staff alerts are read only
   * out of boot recovery (before it, as last read); each is told to the fleet once, as first read.
   */
  async readJournalCounts(): Promise<void> {
    const read = ++this.readsBegun;
    try {
      const cardsIssued = await this.cardsIssued();
      // what boot recovery left for staff is in the journal once it is over; in service too (ADR 0004)
      const found = RECOVERING.has(this.sessions.kioskView().mode)
        ? undefined
        : await this.staffAlerts.read();
      if (found !== undefined && !this.stopped) this.staffAlerts.tell(found);
      if (read < this.readApplied) return;
      this.readApplied = read;
      const acts = found?.supplyActsLeft ?? this.journalCounts.supplyActsLeft;
      const withdrawalsLeft = found?.withdrawalsLeft?.length ?? this.journalCounts.withdrawalsLeft;
      const counts: JournalCounts = {
        ...(cardsIssued !== undefined && { cardsIssued }),
        ...(acts !== undefined && { supplyActsLeft: acts }),
        ...(withdrawalsLeft !== undefined && { withdrawalsLeft }),
      };
      if (JSON.stringify(counts) === JSON.stringify(this.journalCounts)) return;
      this.journalCounts = counts;
      if (!this.stopped) this.schedule();
    } catch (e) {
      // the status goes on with the counts last read
      this.log.warn(`journal counts not read: ${KioskError.from(e).code}`);
    }
  }

  /**
   * The card printer's count of cards issued as the journal's device counters say now; as last read
   * when they cannot say, read on its own so that the staff alerts are read and told all the same.
   */
  private async cardsIssued(): Promise<number | undefined> {
    try {
      return (await this.counters.latestCounters()).cardPrinter?.counters?.issued;
    } catch (e) {
      this.log.warn(`cards issued not read from the journal: ${KioskError.from(e).code}`);
      return this.journalCounts.cardsIssued;
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    await this.publisher.stop();
  }

  /** Many device and kiosk changes come in one turn of the event loop: one status for them all. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.stopped) this.report();
    });
  }

  private report(): void {
    const statuses = this.devices.statuses();
    for (const event of faultEvents(this.lastDevices, statuses)) this.publisher.publishEvent(event);
    this.lastDevices = statuses;
    const view = this.sessions.kioskView();
    // the same episode left for staff is told under the same id at every self test (ADR 0004)
    for (const event of recoveryEvents(this.lastView, view))
      this.publisher.publishEvent(
        event,
        recoveryAlertEventId(this.publisher.kioskId, event, this.recovery?.leftForStaff),
      );
    this.lastView = view;
    const status = toFleetStatus(view, statuses, this.journalCounts);
    const text = JSON.stringify(status);
    if (text === this.lastStatus) return;
    this.lastStatus = text;
    this.publisher.publishStatus(status);
  }
}
