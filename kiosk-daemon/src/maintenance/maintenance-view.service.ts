/**
 * What the staff screens show, built by the daemon only (the UI renders it and decides nothing):
 * the visit, the actions the role may take, each device's state and fault, each refillable supply
 * and bin with the device's count beside the journal's, the withdrawals left for staff, and the
 * reconciliation report.
 */
import { Inject, Injectable, Optional } from '@nestjs/common';
import { type CardPosition, countOf } from '@kiosk/device-drivers';
import type { KioskConfig, StaffRole } from '@kiosk/config';
import {
  maskIdNumbersInText,
  type DeviceKind,
  type DeviceStatus,
  type MaintenanceSupplyView,
  type MaintenanceView,
  type ReconciliationReport,
  type StaffActionName,
} from '@kiosk/domain';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { DevicesService } from '../devices/devices.service.js';
import { jamsUnsaid } from './jammed-card-cleared.js';
import { deviceCountersOf } from '../journal/device-counters-of.js';
import { DeviceCountersService } from '../journal/device-counters.service.js';
import { JournalService } from '../journal/journal.service.js';
import { MaintenanceSupplyLog } from '../journal/maintenance-supply-log.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { MaintenanceDeviceChecksService } from './maintenance-device-checks.service.js';
import { MaintenanceService, RETURN_TO_SERVICE_ROLES } from './maintenance.service.js';
import { REPLENISHABLE_DEVICES } from './maintenance-supplies.service.js';
import { firstRecordWithoutIssued, reconcileCardBlanks } from './card-blanks-reconciliation.js';
import { pendingSupplyActs } from './supply-act-settlement.service.js';
import { stockCapacityOf } from './supply-capacity.js';
import { reconcileSupplies, supplyCounts } from './supply-reconciliation.js';

/** The staff actions by name, with the roles that may take them. */
export const STAFF_ACTIONS = {
  selfTest: ['engineer', 'supervisor'],
  testReceipt: ['engineer', 'supervisor'],
  testDispense: ['engineer', 'supervisor'],
  testCard: ['engineer', 'supervisor'],
  clearFault: ['engineer', 'supervisor'],
  refill: ['engineer', 'supervisor'],
  refillCash: ['supervisor'],
  emptyBin: ['engineer', 'supervisor'],
  emptyCashBin: ['supervisor'],
  reconciliation: ['engineer', 'supervisor'],
  journal: ['supervisor'],
  settleWithdrawal: ['supervisor'],
  settleCardMaking: ['supervisor'],
  returnToService: RETURN_TO_SERVICE_ROLES,
} as const satisfies Record<StaffActionName, readonly StaffRole[]>;

/**
 * The acts that go on while recovery is at work on the devices: reading the reconciliation or the
 * journal, and ending the visit. Every other act waits for it (`guardStaffAction`), left out of the
 * view until it has finished.
 */
const ACTS_BESIDE_RECOVERY: ReadonlySet<StaffActionName> = new Set<StaffActionName>([
  'reconciliation',
  'journal',
  'returnToService',
]);

/** The longest device text staff are shown of one fault; past it, cut with an ellipsis. */
export const STAFF_FAULT_MESSAGE_MAX = 300;

/**
 * One device as staff see it: its state, its fault's code and the device's own words for it. A
 * fault carries device text only (the drivers' messages and the PC/SC codes), never a resident's
 * data; an ID number that would reach it all the same is masked, and the text is bounded.
 */
export function staffDeviceOf(status: DeviceStatus): MaintenanceView['devices'][number] {
  const words = status.fault ? maskIdNumbersInText(status.fault.message.trim()) : '';
  return {
    kind: status.kind,
    state: status.device,
    fault: status.fault?.code ?? null,
    faultMessage:
      words === ''
        ? null
        : words.length > STAFF_FAULT_MESSAGE_MAX
          ? `${words.slice(0, STAFF_FAULT_MESSAGE_MAX - 1)}…`
          : words,
    missingReader: status.fault?.missingReader ?? null,
  };
}

@Injectable()
export class MaintenanceViewService {
  constructor(
    private readonly maintenance: MaintenanceService,
    private readonly devices: DevicesService,
    private readonly counters: DeviceCountersService,
    private readonly supplyLog: MaintenanceSupplyLog,
    private readonly checks: MaintenanceDeviceChecksService,
    private readonly journal: JournalService,
    // whether recovery is at work on the devices (absent in unit specs of other faults)
    @Optional() private readonly sessions?: SessionsService,
    // what a cassette and the card hopper hold (absent in unit specs of other faults)
    @Optional() @Inject(KIOSK_CONFIG) private readonly config?: KioskConfig,
  ) {}

  async view(token: string): Promise<MaintenanceView> {
    const visit = this.maintenance.visitOf(token);
    const settling = this.sessions?.recoveryAtWork === true;
    const may = (action: StaffActionName) =>
      (STAFF_ACTIONS[action] as readonly StaffRole[]).includes(visit.role) &&
      (!settling || ACTS_BESIDE_RECOVERY.has(action));
    const journal = await this.counters.latestCounters();
    const supplies: MaintenanceSupplyView[] = [];
    for (const device of REPLENISHABLE_DEVICES) {
      const port = this.devices[device];
      const status = port.status();
      const journaled = journal[device] ? supplyCounts(journal[device].counters) : new Map<string, number>();
      for (const s of port.replenishableSupplies()) {
        const supply = status.supplies.find((x) => x.name === s.supply);
        const cash = device === 'cashDispenser';
        supplies.push({
          device,
          supply: s.supply,
          role: s.role,
          unit: s.unit,
          level: supply?.level ?? 'unknown',
          count: countOf(status.supplies, s.supply),
          capacity:
            supply?.capacity ?? s.capacity ?? stockCapacityOf(this.config?.devices, device, s.supply) ?? null,
          countedBy: s.countedBy,
          denominationFen: s.denominationFen ?? null,
          journalCount: journaled.get(s.supply) ?? null,
          allowed: may(
            s.role === 'stock' ? (cash ? 'refillCash' : 'refill') : cash ? 'emptyCashBin' : 'emptyBin',
          ),
        });
      }
    }
    const jams = await jamsUnsaid(this.journal);
    return {
      staffId: visit.staffId,
      role: visit.role,
      expiresAt: visit.expiresAt,
      actions: (Object.keys(STAFF_ACTIONS) as StaffActionName[]).filter(may),
      devices: this.devices.statuses().map(staffDeviceOf),
      supplies,
      operatorHold: this.maintenance.operatorHold,
      pendingSettlements: may('settleWithdrawal') ? await this.checks.pendingSettlements() : [],
      pendingCardMakings: may('settleCardMaking') ? await this.checks.pendingCardMakings() : [],
      pendingSupplyActs: await pendingSupplyActs(this.journal, this.devices),
      cardsIssued: journal.cardPrinter?.counters.issued ?? null,
      ...cardLeftForStaff(this.devices.cardReader.cardPosition()),
      ...(jams > 0 && { jammedCardUnsaid: true, jammedCardsUnsaid: jams }),
      ...(settling && { settling: true }),
    };
  }

  /** Every counted supply since `since` (default: 30 days ago), reconciled against the journal. */
  async reconciliation(token: string, since?: string): Promise<ReconciliationReport> {
    const visit = this.maintenance.visitOf(token, STAFF_ACTIONS.reconciliation);
    const from = since ?? new Date(Date.now() - 30 * 86_400_000).toISOString();
    const [history, acts, missing] = await Promise.all([
      this.supplyLog.countersSince(from),
      this.supplyLog.since(from),
      this.supplyLog.cardsFoundMissingSince(from),
    ]);
    const now = new Map<DeviceKind, Map<string, number>>();
    for (const status of this.devices.statuses()) {
      const cassettes = status.kind === 'cashDispenser' ? this.devices.cashDispenser.cassettes() : undefined;
      const counted = deviceCountersOf(status, cassettes);
      if (counted) now.set(status.kind, supplyCounts(counted));
    }
    const lines = reconcileSupplies(history, acts, now);
    const unCountedStart = firstRecordWithoutIssued(history);
    const issuedAtStart = unCountedStart === undefined ? 0 : await this.supplyLog.issuedAsOf(unCountedStart);
    const cardBlanks = reconcileCardBlanks(history, acts, missing, issuedAtStart);
    await this.journal.recordStep(
      this.maintenance.transactionOf(visit),
      'maintenance.reconciliation',
      'event',
      {
        since: from,
        supplies: lines.length,
        notReconciled: lines.filter((l) => !l.reconciles).length,
        // the card blanks' account, counts only: what staff and auditors read back
        ...(cardBlanks && {
          cardsIssued: cardBlanks.issued,
          cardsSpoiled: cardBlanks.spoiled,
          blanksDifference: cardBlanks.difference,
        }),
      },
    );
    return { since: from, lines, ...(cardBlanks && { cardBlanks }) };
  }
}

/**
 * What staff are told of a card in the reader: a card the reader says is inside or at its slot is
 * left (`cardLeftInReader`); one it has not said of yet ('unknown') may be inside, no more.
 */
export function cardLeftForStaff(
  position: CardPosition,
): Pick<MaintenanceView, 'cardLeftInReader' | 'cardLeft'> {
  const cardLeft = ({ inReader: 'inside', atSlot: 'atSlot', unknown: 'maybe', none: undefined } as const)[
    position
  ];
  return {
    cardLeftInReader: cardLeft === 'inside' || cardLeft === 'atSlot',
    ...(cardLeft !== undefined && { cardLeft }),
  };
}
