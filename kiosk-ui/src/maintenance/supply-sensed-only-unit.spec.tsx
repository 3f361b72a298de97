/**
 * The staff screen said a supply the device only senses (the receipt paper) as
 * "Device count: sensed only rolls" (设备计数: 仅有传感器 卷): the unit came after no count.
 */
import type { MaintenanceSupplyView } from '@kiosk/domain';
import { renderForSpec } from '../screens/render-for-spec';
import { SupplyRow } from './supply-row';

const upper: MaintenanceSupplyView = {
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
const row = (supply: MaintenanceSupplyView, locale: 'en' | 'zh-CN') =>
  renderForSpec(<SupplyRow supply={supply} busy={false} onRefill={none} onEmpty={none} />, locale);

describe('a supply the device only senses', () => {
  it.each([
    ['en', 'Device count: sensed only<'],
    ['zh-CN', '设备计数: 仅有传感器<'],
  ] as const)('%s: no count, so no unit', (locale, said) => {
    const paper: MaintenanceSupplyView = {
      ...upper,
      device: 'receiptPrinter',
      supply: 'paper',
      unit: 'rolls',
      count: null,
      denominationFen: null,
      journalCount: null,
    };
    expect(row(paper, locale)).toContain(said);
    expect(row(upper, locale)).toMatch(/200 (notes|张钞票)</);
  });
});
