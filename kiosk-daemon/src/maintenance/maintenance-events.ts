/**
 * What each staff action tells the fleet and every listener of `MaintenanceService` (its `action`
 * event): the action, the staff card number, and a code, device, supply or count; no resident's
 * data.
 */
import type { DeviceKind } from '@kiosk/domain';

export type MaintenanceAction =
  | 'login'
  | 'loginRefused'
  | 'selfTest'
  | 'testReceipt'
  | 'logout'
  | 'refill'
  | 'emptyBin'
  | 'testDispense'
  | 'testCard'
  | 'clearFault'
  | 'settleWithdrawal'
  | 'settleCardMaking'
  | 'returnToService';

/** What one staff action tells the fleet: no resident's data, the staff card number only. */
export interface MaintenanceEvent {
  readonly action: MaintenanceAction;
  readonly staffId: string;
  readonly code?: string;
  readonly device?: DeviceKind;
  readonly supply?: string;
  /** units loaded, taken out of a bin, or moved by a test */
  readonly count?: number;
}

export interface MaintenanceEvents {
  action: [MaintenanceEvent];
}
