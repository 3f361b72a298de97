/**
 * What the daemon's maintenance API shows field staff (`GET /maintenance/view`,
 * `GET /maintenance/reconciliation`): the staff screens render these and decide nothing.
 */
import type { DeviceKind, DeviceState, SupplyLevel } from './device-status.js';

export const STAFF_ACTION_NAMES = [
  'selfTest',
  'testReceipt',
  'testDispense',
  'testCard',
  'clearFault',
  'refill',
  'refillCash',
  'emptyBin',
  'emptyCashBin',
  'reconciliation',
  'journal',
  'settleWithdrawal',
  'settleCardMaking',
  'returnToService',
] as const;
export type StaffActionName = (typeof STAFF_ACTION_NAMES)[number];

export type StaffRoleName = 'engineer' | 'supervisor';

export interface MaintenanceSupplyView {
  readonly device: DeviceKind;
  /** 'paper', 'cardHopper', 'ribbon', 'cassette:upper', 'rejectBin', 'retractBin' */
  readonly supply: string;
  readonly role: 'stock' | 'bin';
  readonly unit: 'notes' | 'cards' | 'prints' | 'rolls';
  readonly level: SupplyLevel;
  /** the device's own count; null when it only senses the supply */
  readonly count: number | null;
  readonly capacity: number | null;
  readonly countedBy: 'device' | 'staff';
  readonly denominationFen: number | null;
  /** the journal's latest count */
  readonly journalCount: number | null;
  /** this member of staff may refill or empty it */
  readonly allowed: boolean;
}

export interface MaintenanceView {
  readonly staffId: string;
  readonly role: StaffRoleName;
  readonly expiresAt: string;
  readonly actions: readonly StaffActionName[];
  readonly devices: readonly {
    readonly kind: DeviceKind;
    readonly state: DeviceState;
    readonly fault: string | null;
  }[];
  readonly supplies: readonly MaintenanceSupplyView[];
  /**
   * the reason code of an operator's out-of-service hold from the fleet, or null: log-out keeps it,
   * return to service releases it (ADR 0010)
   */
  readonly operatorHold: string | null;
  /** withdrawals recovery left for staff (supervisors only) */
  readonly pendingSettlements: readonly { readonly transactionId: string; readonly startedAt: string }[];
  /**
   * card makings recovery left for staff (supervisors only): where the card went is found by
   * looking in the card printer's reject bin (POST /maintenance/settle-card-making)
   */
  readonly pendingCardMakings: readonly { readonly transactionId: string; readonly startedAt: string }[];
}

/** One supply in the reconciliation report: before + byStaff − byKiosk = after (a bin: + byKiosk − byStaff). */
export interface ReconciliationLine {
  readonly device: DeviceKind;
  readonly supply: string;
  readonly role: 'stock' | 'bin';
  readonly before: number;
  /** stock: refilled by staff; bin: emptied by staff */
  readonly byStaff: number;
  /** stock: used by the kiosk; bin: what went into it */
  readonly byKiosk: number;
  readonly after: number;
  /** the device's own count now, null when it does not count it */
  readonly deviceNow: number | null;
  readonly reconciles: boolean;
}

export interface ReconciliationReport {
  readonly since: string;
  readonly lines: readonly ReconciliationLine[];
}
