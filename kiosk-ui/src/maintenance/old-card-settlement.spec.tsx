import type { PendingCardMaking } from '@kiosk/domain';
import { createI18n } from '../i18n/i18n';
import { renderForSpec } from '../screens/render-for-spec';
import { CardMakingSettlements } from './card-making-settlements';
import { PendingOldCardItem } from './old-card-settlement';
import { verdictThatStands } from './verdict-choice';

/** a replacement whose handed-in card's capture recovery left unknown, as the daemon's view sends it */
const handInUnknown: PendingCardMaking = {
  transactionId: 'JZ-9001-000011',
  startedAt: '2026-11-27T07:45:00.000Z',
  journey: 'replaceCard',
  card: null,
  idNumber: '4101**********1234',
  name: '张*明',
  stoppedAt: 'oldCard.capture:intent',
  verdict: null,
  oldCard: { card: 'H41******777' },
  counters: { hopper: 39, rejectBinDevice: null, rejectBinJournal: 2 },
};
const { oldCard: _handedIn, ...noOldCard } = handInUnknown;
/** a new card that left the slot while it was pulled back: the reject bin's verdicts */
const newCard: PendingCardMaking = {
  ...noOldCard,
  transactionId: 'JZ-9001-000012',
  journey: 'issueCard',
  card: 'H41******999',
  stoppedAt: 'card.retract:intent',
};

const list = (pending: readonly PendingCardMaking[], locale: 'en' | 'zh-CN') =>
  renderForSpec(
    <CardMakingSettlements
      pending={pending}
      busy={false}
      onSettle={() => undefined}
      onSettleOldCard={() => undefined}
    />,
    locale,
  );
const chosen = (oldCard: 'inCaptureBin' | 'givenBack' | 'notFound', locale: 'en' | 'zh-CN') =>
  renderForSpec(
    <PendingOldCardItem
      pending={handInUnknown}
      oldCard={{ card: 'H41******777' }}
      busy={false}
      chosen={oldCard}
      onChoose={() => undefined}
      onConfirm={() => undefined}
    />,
    locale,
  );

describe('a replacement’s handed-in card left unknown, on the supervisor’s screen', () => {
  it('fault: handed-in card left unknown offered only the new card’s reject bin verdicts (the daemon refuses them: no card order): its own three are offered', () => {
    const html = list([handInUnknown], 'en');
    expect(html).toContain('data-testid="staff-old-card-inCaptureBin"');
    expect(html).toContain('Handed-in card found in the capture bin');
    expect(html).toContain('Not in the bin: given back to the resident');
    expect(html).toContain('Handed-in card not found: not in the bin, not with the resident');
    expect(html).not.toContain('staff-card-inRejectBin');
    expect(html).not.toContain('staff-card-taken');
    // the new card's reject bin hint is not its hint; the capture bin's is
    expect(html).not.toContain('Look in the card printer’s reject bin');
    expect(html).toContain('Look in the capture bin and at the card slot.');
    expect(html).not.toContain('staff-old-card-confirm');
  });

  it('what the supervisor looks for: the handed-in card and the resident as the daemon masked them, where the kiosk stopped', () => {
    const en = list([handInUnknown], 'en');
    expect(en).toContain('Replacement card · JZ-9001-000011');
    expect(en).toMatch(/<dt>Handed-in card<\/dt><dd data-testid="staff-old-card-number">H41\*{6}777<\/dd>/);
    expect(en).toContain('张*明 · 4101**********1234');
    expect(en).toContain(
      'taking the handed-in card into the capture bin <code>oldCard.capture:intent</code>',
    );
    const zh = list([handInUnknown], 'zh-CN');
    expect(zh).toContain('补换卡 · JZ-9001-000011');
    expect(zh).toMatch(/<dt>交回的旧卡<\/dt><dd[^>]*>H41\*{6}777<\/dd>/);
    expect(zh).toContain('将交回的旧卡收入吞卡箱 <code>oldCard.capture:intent</code>');
    expect(zh).toContain('吞卡箱中有这张旧卡');
    expect(zh).toContain('吞卡箱中没有：已退还居民');
    expect(zh).toContain('旧卡下落不明：不在吞卡箱，也不在居民手中');
    expect(zh).toContain('请查看吞卡箱和插卡口。');
  });

  it('a handed-in card whose chip did not read: said so, never a number made up', () => {
    const html = renderForSpec(
      <PendingOldCardItem
        pending={{ ...handInUnknown, oldCard: { card: null } }}
        oldCard={{ card: null }}
        busy={false}
        chosen={null}
        onChoose={() => undefined}
        onConfirm={() => undefined}
      />,
      'en',
    );
    expect(html).toContain('data-testid="staff-old-card-number">chip not read</dd>');
    expect(html).not.toContain('H41');
  });

  it('found in the capture bin, chosen: the confirmation says what is journaled and counted, the host not told, the verdict standing', () => {
    const html = chosen('inCaptureBin', 'en');
    expect(html).toContain('data-testid="staff-old-card-confirm"');
    expect(html).toContain('Confirm: Handed-in card found in the capture bin?');
    expect(html).toContain(
      'The card is journaled as captured, and the capture bin count is recorded as the card reader reports it.',
    );
    expect(html).toContain('the host is not told of the hand-in. A verdict cannot be changed once given.');
    expect(html).toMatch(/data-testid="staff-old-card-inCaptureBin" aria-pressed="true"/);
  });

  it('not found, chosen (zh-CN): the capture bin count stays, the card making closed', () => {
    const html = chosen('notFound', 'zh-CN');
    expect(html).toContain('确认：旧卡下落不明：不在吞卡箱，也不在居民手中？');
    expect(html).toContain('流水记录该卡下落不明；吞卡箱计数不变。 随后按重启后的方式恢复并结束本次制卡');
    expect(html).toContain('结论一经给出不可更改。');
  });

  it('a new card and a handed-in card left for staff together: each offered its own verdicts', () => {
    const html = list([newCard, handInUnknown], 'en');
    const [first, second] = html.split('data-testid="staff-settle-card-JZ-9001-000011"');
    expect(first).toContain('staff-card-inRejectBin');
    expect(first).toContain('Look in the card printer’s reject bin for it.');
    expect(first).not.toContain('staff-old-card-');
    expect(second).toContain('staff-old-card-givenBack');
    expect(second).not.toContain('staff-card-inRejectBin');
  });
});

describe('a verdict refused as given already (MAINTENANCE_ALREADY_SETTLED): the one that stands, in words', () => {
  it('fault: verdict refused because another staff screen settled it first: the refusal names the verdict that stands', () => {
    const en = createI18n('en').t;
    expect(verdictThatStands(en, { transactionId: 'JZ-9001-000011', verdict: 'givenBack' })).toBe(
      'The verdict that stands: Not in the bin: given back to the resident.',
    );
    expect(verdictThatStands(createI18n('zh-CN').t, { verdict: 'inCaptureBin' })).toBe(
      '维持的结论：吞卡箱中有这张旧卡。',
    );
    // the other settlements' verdicts too
    expect(verdictThatStands(en, { verdict: 'taken' })).toBe(
      'The verdict that stands: Not in the reject bin: the resident took it.',
    );
    expect(verdictThatStands(en, { verdict: 'notPaid' })).toBe(
      'The verdict that stands: Resident was not paid.',
    );
  });

  it('no verdict named, or one the screens do not know: nothing added, never the raw name', () => {
    const en = createI18n('en').t;
    expect(verdictThatStands(en, undefined)).toBeUndefined();
    expect(verdictThatStands(en, { transactionId: 'JZ-9001-000011' })).toBeUndefined();
    expect(verdictThatStands(en, { verdict: 'inTheDrawer' })).toBeUndefined();
    expect(verdictThatStands(en, { verdict: 7 })).toBeUndefined();
  });
});
