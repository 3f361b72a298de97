/** A supply's row on the staff screen rendered for specs, and the upper cassette it most often shows. */
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

const none = () => Promise.resolve();

/** `supply`'s row (nothing under way, its buttons doing nothing) in `locale` */
export const renderSupplyRow = (supply: MaintenanceSupplyView, locale: Locale): string =>
  renderForSpec(<SupplyRow supply={supply} busy={false} onRefill={none} onEmpty={none} />, locale);
