/**
 * Fault: the staff screen cleared a card printer's jam with the plain "clear fault" button, which
 * said nothing of the card that jammed, so on a printer without card counters its card was never
 * counted in the reject bin (or as taken out). The card printer's row now asks where the jammed card
 * went while the printer reports a jam or the daemon says a jammed card's whereabouts are unsaid
 * (even with the printer usable again), in both languages, and the clear sends the answer. With
 * more than one jammed card unsaid the question said nothing of the others: it now says how many
 * wait (the view's jammedCardsUnsaid), each answered by its own clear, the earliest first.
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
const row = (ask: boolean, locale: 'en' | 'zh-CN', jams?: number) =>
  renderForSpec(
    <StaffDeviceRow
      device={printer}
      busy={false}
      mayClear
      askJammedCard={ask}
      jammedCardsUnsaid={jams}
      onClear={() => undefined}
    />,
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

  it('jammed-cards-unsaid-count: two jammed cards unsaid: the question says how many wait, asked one at a time', () => {
    const english = row(true, 'en', 2);
    expect(english).toContain('2 cards jammed in the card printer wait for your word, one at a time');
    expect(english).toContain('data-count="2"');
    expect(english).toContain('Cleared: the card is in the reject bin');
    expect(row(true, 'zh-CN', 2)).toContain('制卡机内有 2 张卡住的卡片待您逐张说明去向');
    // the last one: asked as a single card
    expect(row(true, 'en', 1)).toContain('A card jammed in the card printer.');
    expect(row(true, 'en', 1)).not.toContain('data-count');
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
