/**
 * Field staff's refills and bin emptying, each one journaled first (`maintenance.refill` /
 * `maintenance.emptyBin`, intent then done or failed), acted through the device's port, then the
 * device's counts appended to the device counters, the act to `maintenance_supply`, and an event
 * to the fleet. A count staff entered is checked against the journal's before anything moves; a
 * count that does not reconcile is refused (MAINTENANCE_COUNT_MISMATCH) and journaled as refused.
 * Cash (cassettes and the dispenser's bins, which hold notes) needs a supervisor.
 */
import { Injectable } from '@nestjs/common';
import {
  countOf,
  replenishableSupply,
  type ReplenishablePort,
  type ReplenishResult,
} from '@kiosk/device-drivers';
import { ErrorCode, KioskError, type DeviceKind } from '@kiosk/domain';
import { DevicesService } from '../devices/devices.service.js';
import { recordDeviceCounters } from '../journeys/journey-tools.js';
import { DeviceCountersService } from '../journal/device-counters.service.js';
import { JournalService, type StepDetail } from '../journal/journal.service.js';
import { MaintenanceSupplyLog } from '../journal/maintenance-supply-log.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { emulatedEmptyBin, emulatedRefill } from './emulated-hands.js';
import { ANY_STAFF, MaintenanceService, SUPERVISORS } from './maintenance.service.js';
import { guardStaffAction } from './staff-guard.js';
import { supplyCounts } from './supply-reconciliation.js';

export const REPLENISHABLE_DEVICES = [
  'receiptPrinter',
  'cardPrinter',
  'cashDispenser',
  'cardReader',
] as const;
export type ReplenishableDevice = (typeof REPLENISHABLE_DEVICES)[number];

export interface RefillRequest {
  readonly device: ReplenishableDevice;
  readonly supply: string;
  /** units loaded: notes, blank cards, rolls of paper, or the prints of the new ribbon */
  readonly added: number;
  /** what staff counted in it before loading (cassettes, the hopper); checked against the journal */
  readonly countedBefore?: number;
  /** a cassette's notes: their denomination, which must be the cassette's */
  readonly denominationFen?: number;
}

export interface EmptyBinRequest {
  readonly device: ReplenishableDevice;
  readonly supply: string;
  /** what staff took out of the bin; checked against the journal */
  readonly counted: number;
}

export interface SupplyActResult {
  readonly device: ReplenishableDevice;
  readonly supply: string;
  /** the journal's count before (null: nothing counted it) */
  readonly journalBefore: number | null;
  readonly quantity: number;
  /** the device's count after (null: it does not count this supply) */
  readonly after: number | null;
}

@Injectable()
export class MaintenanceSuppliesService {
  constructor(
    private readonly maintenance: MaintenanceService,
    private readonly sessions: SessionsService,
    private readonly devices: DevicesService,
    private readonly journal: JournalService,
    private readonly counters: DeviceCountersService,
    private readonly supplyLog: MaintenanceSupplyLog,
  ) {}

  port(device: ReplenishableDevice): ReplenishablePort {
    return this.devices[device];
  }

  async refill(token: string, request: RefillRequest): Promise<SupplyActResult> {
    const { device, supply, added } = request;
    const port = this.port(device);
    const { visit, transactionId } = guardStaffAction(
      this.maintenance,
      this.sessions,
      token,
      device === 'cashDispenser' ? SUPERVISORS : ANY_STAFF,
    );
    const spec = replenishableSupply(device, port.replenishableSupplies(), supply, 'stock');
    const journalBefore = await this.journaledCount(device, supply);
    const deviceBefore = countOf(this.devices[device].status().supplies, supply);
    const step = 'maintenance.refill';
    const base = { device, supply, added, journalBefore } satisfies StepDetail;
    const refuse = async (reason: string, details: StepDetail): Promise<never> => {
      await this.journal.recordStep(transactionId, step, 'failed', {
        ...base,
        code: ErrorCode.MAINTENANCE_COUNT_MISMATCH,
        ...details,
      });
      this.maintenance.report({
        action: 'refill',
        staffId: visit.staffId,
        device,
        supply,
        code: ErrorCode.MAINTENANCE_COUNT_MISMATCH,
      });
      throw new KioskError(ErrorCode.MAINTENANCE_COUNT_MISMATCH, reason, { device, supply, ...details });
    };
    if (spec.denominationFen !== undefined && request.denominationFen !== spec.denominationFen) {
      await refuse('These notes are not of the cassette\u2019s denomination.', {
        denominationFen: request.denominationFen ?? null,
        cassetteDenominationFen: spec.denominationFen,
      });
    }
    if (journalBefore !== null && deviceBefore !== null && journalBefore !== deviceBefore) {
      await refuse('The device and the journal disagree; a supervisor reconciles first.', { deviceBefore });
    }
    const expected = journalBefore ?? deviceBefore;
    if (request.countedBefore !== undefined && expected !== null && request.countedBefore !== expected) {
      await refuse('The count entered does not agree with the journal; count again.', {
        countedBefore: request.countedBefore,
      });
    }
    await this.journal.recordStep(transactionId, step, 'intent', {
      ...base,
      countedBefore: request.countedBefore ?? null,
    });
    const result = await this.act(transactionId, step, visit.staffId, 'refill', device, supply, () => {
      emulatedRefill(this.devices.emulators, device, supply, added);
      return port.refillSupply(supply, added);
    });
    await this.afterAct(device);
    const moved =
      spec.replaces ||
      result.before === null ||
      result.after === null ||
      result.after - result.before === added;
    await this.supplyLog.append({
      transactionId,
      staffId: visit.staffId,
      kind: device,
      supply,
      action: 'refill',
      quantity: added,
      journalBefore,
      countedByStaff: request.countedBefore ?? null,
      deviceBefore: result.before,
      deviceAfter: result.after,
    });
    if (!moved)
      await refuse('The device counted another number than was loaded.', { deviceAfter: result.after });
    await this.journal.recordStep(transactionId, step, 'done', { deviceAfter: result.after });
    this.maintenance.report({ action: 'refill', staffId: visit.staffId, device, supply, count: added });
    return { device, supply, journalBefore: expected, quantity: added, after: result.after };
  }

  async emptyBin(token: string, request: EmptyBinRequest): Promise<SupplyActResult> {
    const { device, supply, counted } = request;
    const port = this.port(device);
    const { visit, transactionId } = guardStaffAction(
      this.maintenance,
      this.sessions,
      token,
      device === 'cashDispenser' ? SUPERVISORS : ANY_STAFF,
    );
    replenishableSupply(device, port.replenishableSupplies(), supply, 'bin');
    const journalBefore = await this.journaledCount(device, supply);
    const expected = journalBefore ?? countOf(this.devices[device].status().supplies, supply);
    const step = 'maintenance.emptyBin';
    if (expected !== null && counted !== expected) {
      await this.journal.recordStep(transactionId, step, 'failed', {
        device,
        supply,
        counted,
        journalBefore,
        code: ErrorCode.MAINTENANCE_COUNT_MISMATCH,
      });
      this.maintenance.report({
        action: 'emptyBin',
        staffId: visit.staffId,
        device,
        supply,
        code: ErrorCode.MAINTENANCE_COUNT_MISMATCH,
      });
      throw new KioskError(
        ErrorCode.MAINTENANCE_COUNT_MISMATCH,
        'The count taken out does not agree with the journal; count again.',
        { device, supply, counted },
      );
    }
    await this.journal.recordStep(transactionId, step, 'intent', { device, supply, counted, journalBefore });
    const result = await this.act(transactionId, step, visit.staffId, 'emptyBin', device, supply, () => {
      emulatedEmptyBin(this.devices.emulators, device, supply);
      return port.emptySupplyBin(supply);
    });
    await this.afterAct(device);
    await this.supplyLog.append({
      transactionId,
      staffId: visit.staffId,
      kind: device,
      supply,
      action: 'empty',
      quantity: counted,
      journalBefore,
      countedByStaff: counted,
      deviceBefore: result.before,
      deviceAfter: result.after,
    });
    await this.journal.recordStep(transactionId, step, 'done', { deviceAfter: result.after });
    this.maintenance.report({ action: 'emptyBin', staffId: visit.staffId, device, supply, count: counted });
    return { device, supply, journalBefore: expected, quantity: counted, after: result.after };
  }

  /** The journal's latest count of a supply, or null when the journal never counted it. */
  async journaledCount(device: DeviceKind, supply: string): Promise<number | null> {
    const latest = (await this.counters.latestCounters())[device];
    return latest ? (supplyCounts(latest.counters).get(supply) ?? null) : null;
  }

  /** Runs the device act; a refusal is journaled failed, told to the fleet and thrown. */
  private async act(
    transactionId: string,
    step: string,
    staffId: string,
    action: 'refill' | 'emptyBin',
    device: ReplenishableDevice,
    supply: string,
    work: () => Promise<ReplenishResult>,
  ): Promise<ReplenishResult> {
    try {
      return await work();
    } catch (e) {
      const code = KioskError.from(e).code;
      await this.journal.recordStep(transactionId, step, 'failed', { code });
      this.maintenance.report({ action, staffId, device, supply, code });
      throw e;
    }
  }

  /** The device's counts after the act, journaled at once (the counters feed may follow later). */
  private async afterAct(device: ReplenishableDevice): Promise<void> {
    const status = this.devices[device].status();
    const cassettes = device === 'cashDispenser' ? this.devices.cashDispenser.cassettes() : undefined;
    await recordDeviceCounters(this.journal, status, cassettes);
  }
}
