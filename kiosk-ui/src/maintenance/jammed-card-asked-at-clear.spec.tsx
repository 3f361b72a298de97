/**
 * Fault: the staff screen cleared a card printer's jam with the plain "clear fault" button, which
 * said nothing of the card that jammed, so on a printer without card counters its card was never
 * counted in the reject bin (or as taken out). The card printer's row now asks where the jammed card
 * went while the printer reports a jam or the daemon says a jammed card's whereabouts are unsaid
 * (even with the printer usable again), in both languages, and the clear sends the answer.
 */
import { renderForSpec } from '../screens/render-for-spec';
import { MaintenanceApi } from './maintenance-api';
import { StaffDeviceRow } from './staff-device-row';

const printer = {
  kind: 'cardPrinter',
  state: 'online',
  fault: null,
  faultMessage: null,
  missingReader: null,
} as const;
const row = (ask: boolean, locale: 'en' | 'zh-CN') =>
  renderForSpec(
    <StaffDeviceRow device={printer} busy={false} mayClear askJammedCard={ask} onClear={() => undefined} />,
    locale,
  );

describe('the jammed card asked when staff clear the card printer', () => {
  it('jammed-card-asked-at-clear: the printer usable again, its jammed card unsaid: staff are asked where it went', () => {
    const english = row(true, 'en');
    expect(english).toContain('staff-jammed-card-inRejectBin');
    expect(english).toContain('Cleared: the card is in the reject bin');
    expect(english).toContain('Cleared: I took the card out');
    const chinese = row(true, 'zh-CN');
    expect(chinese).toContain('已清除：卡片已放入废卡箱');
    expect(chinese).toContain('已清除：卡片已由我取出');
  });

  it('no jammed card to say: nothing asked (an online printer has no clear button)', () => {
    expect(row(false, 'en')).not.toContain('staff-jammed-card');
  });

  it('jammed-card-asked-at-clear: the clear sends where the jammed card went', async () => {
    const bodies: unknown[] = [];
    const api = new MaintenanceApi('', (_url, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      return Promise.resolve(new Response(JSON.stringify({ device: 'cardPrinter' }), { status: 200 }));
    });
    await api.clearFault('tok', 'cardPrinter', 'removed');
    await api.clearFault('tok', 'cashDispenser');
    expect(bodies).toEqual([{ device: 'cardPrinter', jammedCard: 'removed' }, { device: 'cashDispenser' }]);
  });
});
