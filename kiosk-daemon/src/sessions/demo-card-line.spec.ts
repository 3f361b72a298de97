import { demoCardLine } from './demo-card-line.js';

describe('demoCardLine', () => {
  it('takes the state word out of a demo card label and gives it as a code', () => {
    expect(
      demoCardLine({ cardId: 'zhang', label: '张*明 H41****0101 (active)', location: 'outside' }),
    ).toEqual({
      cardId: 'zhang',
      label: '张*明 H41****0101',
      location: 'outside',
      state: 'active',
    });
    expect(
      demoCardLine({ cardId: 'zhao', label: '赵*华 H41****0104 (temporarilyLost)', location: 'atSlot' }),
    ).toMatchObject({
      label: '赵*华 H41****0104',
      state: 'temporarilyLost',
    });
  });

  it('says "blank" of an unpersonalised card', () => {
    expect(demoCardLine({ cardId: 'b1', label: 'blank b1', location: 'inReader' })).toMatchObject({
      label: 'b1',
      state: 'blank',
    });
  });

  it('takes the state the host holds now over the one in the label, and leaves the card number out', () => {
    expect(
      demoCardLine(
        { cardId: 'zhao', label: '赵* H41******104 (made)', location: 'outside', cardNumber: 'H41080000104' },
        'active',
      ),
    ).toEqual({ cardId: 'zhao', label: '赵* H41******104', location: 'outside', state: 'active' });
  });

  it('leaves any other label as it is, without a state', () => {
    const card = { cardId: 'x', label: 'test card (spare)', location: 'outside' } as const;
    expect(demoCardLine(card)).toEqual(card);
  });
});
