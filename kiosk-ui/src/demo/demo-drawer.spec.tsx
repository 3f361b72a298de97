import type { DemoView } from '../gateway/proposed-contract';
import { renderForSpec } from '../screens/render-for-spec';
import { DemoExtras } from './demo-extras';
import { DemoFaults } from './demo-faults';
import { DemoPinPad } from './demo-pin-pad';

const demo: DemoView = {
  cards: [
    { cardId: 'zhang', label: '张*明', location: 'outside' },
    { cardId: 'li', label: '李*英', location: 'atSlot' },
  ],
  faults: [{ device: 'cardReader', fault: 'mute' }],
};

describe('demo panel', () => {
  it('has the ten digits, clear, cancel and enter, and no place where typed digits could show', () => {
    const html = renderForSpec(<DemoPinPad />, 'en');
    expect(html.match(/data-testid="pad-/g)).toHaveLength(13);
    expect(html).not.toMatch(/<input|pin-dot/);
  });

  it('offers the set faults for clearing and the faults of the chosen device', () => {
    const html = renderForSpec(<DemoFaults faults={demo.faults} />, 'en');
    expect(html).toContain('Card reader: <strong>no answer from the card</strong>');
    expect(html).toContain('value="upsideDown"');
    expect(html).not.toContain('value="ribbonOut"');
  });

  it('names devices and faults in Chinese, sending the device codes', () => {
    const faults = renderForSpec(<DemoFaults faults={demo.faults} />, 'zh-CN');
    expect(faults).toContain('读卡器: <strong>卡片无应答</strong>');
    expect(faults).toContain('<option value="cardReader" selected="">读卡器</option>');
    expect(faults).toContain('<option value="upsideDown">卡片插反</option>');
    // every option and listed fault in Chinese words, none in the device layer's English codes
    const words = [...faults.matchAll(/<option[^>]*>([^<]*)<\/option>|<strong>([^<]*)<\/strong>/g)].map(
      (m) => m[1] ?? m[2] ?? '',
    );
    expect(words.length).toBeGreaterThan(5);
    for (const word of words) expect(word).not.toMatch(/[A-Za-z]/);
  });

  it('shows controls for ID cards, face score, cash and previews only when the daemon sends them', () => {
    expect(renderForSpec(<DemoExtras demo={demo} />, 'en')).toBe('');
    const html = renderForSpec(
      <DemoExtras
        demo={{
          ...demo,
          idCards: [{ idCardId: 'zhang-id', label: '张*明', location: 'outside' }],
          faceScore: 72,
          cash: { atSlot: true, amountFen: 30_000 },
          receipt: { text: 'RECEIPT' },
        }}
      />,
      'en',
    );
    expect(html).toContain('Place on reader');
    expect(html).toContain('Face match score: 72');
    expect(html).toContain('Take the cash (¥ 300.00)');
    expect(html).toContain('RECEIPT');
  });

  it('offers the face scores with the ID reader before any score was set', () => {
    const html = renderForSpec(
      <DemoExtras demo={{ ...demo, idCards: [{ idCardId: 'li', label: '李*英', location: 'outside' }] }} />,
      'en',
    );
    expect(html).toContain('Face match score: —');
    expect(html).toMatch(/<button[^>]*aria-pressed="false"[^>]*>40<\/button>/);
  });

  it("never renders a preview that is not the daemon's demo image", () => {
    for (const url of ['javascript:alert(1)', 'https://elsewhere.example/a.png', '/demo/images/../x.png']) {
      const html = renderForSpec(
        <DemoExtras
          demo={{ ...demo, newCard: { atSlot: false, facePngUrl: url }, receipt: { text: 'r', pngUrl: url } }}
        />,
        'en',
      );
      expect(html).not.toContain('<img');
    }
  });

  it('shows the receipt and the card face from their addresses on the daemon', () => {
    const face = '/demo/images/0123456789abcdef.png';
    const receipt = '/demo/images/fedcba9876543210.png';
    const html = renderForSpec(
      <DemoExtras
        demo={{
          ...demo,
          newCard: { atSlot: false, facePngUrl: face },
          receipt: { text: 'r', pngUrl: receipt },
        }}
      />,
      'en',
    );
    expect(html).toContain(`src="${face}"`);
    expect(html).toContain(`src="${receipt}"`);
  });
});
