import { renderForSpec } from '../screens/render-for-spec';
import { DEMO_FAULTS, DemoFaults } from './demo-faults';

/** The card reader jam (the card stuck on its way out) set from the demo panel, as field staff train on it. */
describe('demo panel: the card reader jam', () => {
  it('offers the jam among the card reader’s faults, sending the emulator’s word for it', () => {
    expect(DEMO_FAULTS.cardReader).toContain('ejectJam');
    const html = renderForSpec(<DemoFaults faults={[]} />, 'en');
    expect(html).toContain('<option value="ejectJam">card jammed on its way out</option>');
  });

  it('lists the jam once set, in Chinese words, with its button to clear it', () => {
    const html = renderForSpec(
      <DemoFaults faults={[{ device: 'cardReader', fault: 'ejectJam' }]} />,
      'zh-CN',
    );
    expect(html).toContain('<option value="ejectJam">退卡时卡卡</option>');
    expect(html).toMatch(/data-fault="ejectJam"><span>读卡器: <strong>退卡时卡卡<\/strong><\/span><button/);
  });
});
