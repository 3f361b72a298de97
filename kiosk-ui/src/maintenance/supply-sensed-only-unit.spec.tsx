/**
 * The staff screen said a supply the device only senses (the receipt paper) as
 * "Device count: sensed only rolls" (设备计数: 仅有传感器 卷): the unit came after no count.
 */
import type { MaintenanceSupplyView } from '@kiosk/domain';
import { renderSupplyRow as row, upperCassette as upper } from './supply-row.spec-support';

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
