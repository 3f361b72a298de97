import { renderForSpec } from '../screens/render-for-spec';
import { DEMO_FAULTS, DemoFaults } from './demo-faults';

/**
 * The receipt printer's print head overheated (an error it clears by itself: busy, DEVICE_BUSY,
 * until it cools) set from the demo panel, as field staff train on it: the emulator's word
 * `headOverheat`, which the daemon passes to it as it is.
 */
describe('demo panel: the receipt printer’s print head overheated', () => {
  it('offers it among the receipt printer’s faults, sending the emulator’s word for it', () => {
    expect(DEMO_FAULTS.receiptPrinter).toContain('headOverheat');
    const listed = renderForSpec(
      <DemoFaults faults={[{ device: 'receiptPrinter', fault: 'headOverheat' }]} />,
      'en',
    );
    expect(listed).toMatch(
      /data-fault="headOverheat"><span>Receipt printer: <strong>print head overheated \(printing waits until it cools\)<\/strong><\/span><button/,
    );
  });

  it('lists it once set, in Chinese words, with its button to clear it (the head left to cool)', () => {
    const html = renderForSpec(
      <DemoFaults faults={[{ device: 'receiptPrinter', fault: 'headOverheat' }]} />,
      'zh-CN',
    );
    expect(html).toMatch(
      /data-fault="headOverheat"><span>凭条打印机: <strong>打印头过热（冷却后自动继续打印）<\/strong><\/span><button/,
    );
  });
});
