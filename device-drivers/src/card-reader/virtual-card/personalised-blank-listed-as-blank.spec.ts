/**
 * A blank the card printer personalised at the kiosk kept the label it was made with ("blank
 * <serial>"), so the demo panel listed the resident's new card as a blank. The list names a card by
 * what its chip holds now: the holder's masked name and card number once personalised.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { InMemoryCardStore } from './card-memory.js';
import { blankCardMemory, cardMemoryOf, createDemoCards, demoCardSpec, listingOf } from './demo-cards.js';

const wang = DEMO_RESIDENTS.find((r) => r.key === 'wang')!;

describe('a personalised blank in the list of virtual cards', () => {
  it('reads as a blank until its chip holds a holder, then as the holder’s card', () => {
    const store = new InMemoryCardStore();
    const cards = createDemoCards({ store, today: new Date('2026-11-26') });
    cards.add(blankCardMemory('JZ0001-new-1'));
    expect(cards.list().find((c) => c.cardId === 'JZ0001-new-1')).toEqual({
      cardId: 'JZ0001-new-1',
      label: 'blank JZ0001-new-1',
    });

    const personalised = cardMemoryOf({ ...demoCardSpec(wang), cardId: 'JZ0001-new-1' });
    store.save({ ...store.load('JZ0001-new-1')!, records: personalised.records });
    expect(cards.list().find((c) => c.cardId === 'JZ0001-new-1')).toEqual({
      cardId: 'JZ0001-new-1',
      label: '王*国 H41******103',
      cardNumber: wang.cardNumber,
    });
  });

  it('keeps the label a card was made with when its chip does not read', () => {
    const memory = { ...blankCardMemory('x1'), label: 'test card (spare)', records: { '1': 'ff00' } };
    expect(listingOf(memory)).toEqual({ label: 'test card (spare)' });
  });
});
