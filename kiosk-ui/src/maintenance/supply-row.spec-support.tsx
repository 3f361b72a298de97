/**
 * A supply's row on the staff screen rendered for specs, and the supplies it most often shows: the
 * upper cassette and the receipt paper.
 */
import type { Locale, MaintenanceSupplyView } from '@kiosk/domain';
import { renderForSpec } from '../screens/render-for-spec';
import { SupplyRow } from './supply-row';

/** the dispenser's upper cassette: 200 hundred-yuan notes, counted by the device as journaled */
export const upperCassette: MaintenanceSupplyView = {
  device: 'cashDispenser',
  supply: 'cassette:upper',
  role: 'stock',
  unit: 'notes',
  level: 'ok',
  count: 200,
  capacity: null,
  countedBy: 'device',
  denominationFen: 10_000,
  journalCount: 200,
  allowed: false,
};

/** the receipt paper, as the daemon's view sends it: sensed only (no count), a printer holds one roll */
export const receiptPaper: MaintenanceSupplyView = {
  device: 'receiptPrinter',
  supply: 'paper',
  role: 'stock',
  unit: 'rolls',
  level: 'low',
  count: null,
  capacity: 1,
  countedBy: 'staff',
  denominationFen: null,
  journalCount: null,
  allowed: true,
};

const none = () => Promise.resolve();

/** `supply`'s row (nothing under way, its buttons doing nothing) in `locale` */
export const renderSupplyRow = (supply: MaintenanceSupplyView, locale: Locale): string =>
  renderForSpec(<SupplyRow supply={supply} busy={false} onRefill={none} onEmpty={none} />, locale);
