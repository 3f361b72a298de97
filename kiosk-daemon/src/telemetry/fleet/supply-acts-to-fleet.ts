/**
 * Tells the fleet of every staff supply act a restart cut off and boot left for staff (ADR 0022):
 * `recoveryNeedsStaff` with MAINTENANCE_SUPPLY_UNSETTLED, naming the supply, so the operator sees
 * that a supply act waits for staff at this kiosk. Boot recovery runs in the self test, and the
 * kiosk goes in service with the act left, so no service reason tells it: the journal's open acts
 * are read each time the kiosk leaves its self test, and again after each thing field staff do
 * (a device that did not answer an act in time leaves it for staff then, ADR 0022), and each one
 * told once per start (the fleet keeps one alert per supply), under the same event id at every start
 * (`staffAlertEventId`: told again after a restart, it is queued once and stored once). Staff's answer resolves it at the fleet: it is told as that supply's
 * refill or bin emptying (`maintenance` events, `FleetReporter`). Events can be lost (a full queue
 * drops the oldest): the retained status also lists every act still waiting (`supplyActsLeft`,
 * `FleetReporter`), which raises and resolves the same alerts; the event stays for older monitors.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ErrorCode, KioskError, type DeviceKind, type KioskMode } from '@kiosk/domain';
import { JournalService } from '../../journal/journal.service.js';
import { MaintenanceService } from '../../maintenance/maintenance.service.js';
import { undecidedSupplyActs } from '../../maintenance/supply-act-recovery.js';
import { SessionsService } from '../../sessions/sessions.service.js';
import { FleetPublisher } from '../mqtt/fleet-publisher.js';
import { staffAlertEventId } from './staff-alert-id.js';

/** The modes recovery may still run in: leaving one of them, what it left is in the journal. */
const RECOVERING: ReadonlySet<KioskMode> = new Set(['booting', 'selfTest']);

@Injectable()
export class SupplyActsToFleet implements OnApplicationBootstrap {
  private readonly log = new Logger('Fleet');
  private readonly told = new Set<string>();
  private lastMode: KioskMode | undefined;
  private stop: (() => void) | undefined;
  private readonly afterStaff = () => void this.tell();

  constructor(
    @Inject(FleetPublisher) private readonly publisher: FleetPublisher,
    private readonly sessions: SessionsService,
    private readonly journal: JournalService,
    private readonly maintenance: MaintenanceService,
  ) {}

  onApplicationBootstrap(): void {
    const look = () => {
      const mode = this.sessions.kioskView().mode;
      const left = this.lastMode === undefined || RECOVERING.has(this.lastMode);
      this.lastMode = mode;
      if (left && !RECOVERING.has(mode)) void this.tell();
    };
    this.stop = this.sessions.onViewChange((kind) => {
      if (kind === 'kiosk') look();
    });
    this.maintenance.on('action', this.afterStaff);
    look();
  }

  onApplicationShutdown(): void {
    this.stop?.();
    this.maintenance.off('action', this.afterStaff);
  }

  /** Tells each supply act left for staff not told yet. */
  async tell(): Promise<void> {
    try {
      for (const { transactionId, act } of await undecidedSupplyActs(this.journal)) {
        const key = `${transactionId}|${act.intent.device}|${act.intent.supply}`;
        if (this.told.has(key)) continue;
        this.told.add(key);
        this.publisher.publishEvent(
          {
            type: 'recoveryNeedsStaff',
            code: ErrorCode.MAINTENANCE_SUPPLY_UNSETTLED,
            device: act.intent.device as DeviceKind,
            supply: act.intent.supply,
          },
          staffAlertEventId('supplyActLeft', this.publisher.kioskId, key),
        );
      }
    } catch (e) {
      this.log.warn(`supply acts left for staff not read from the journal: ${KioskError.from(e).code}`);
    }
  }
}
