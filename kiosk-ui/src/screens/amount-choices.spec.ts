import { amountChoices, MAX_CHOICES } from './amount-choices';

describe('amountChoices', () => {
  it('offers whole 100-yuan notes up to a 500-yuan cap', () => {
    expect(amountChoices(50_000, 10_000)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000]);
  });

  it('rounds the largest amount down to whole notes', () => {
    expect(amountChoices(37_550, 10_000)).toEqual([10_000, 20_000, 30_000]);
  });

  it('keeps to eight buttons and always offers the largest amount allowed', () => {
    const choices = amountChoices(100_000, 5_000);
    expect(choices).toHaveLength(MAX_CHOICES);
    expect(choices.at(-1)).toBe(100_000);
    expect(choices.every((fen) => fen % 5_000 === 0)).toBe(true);
  });

  it('offers nothing when not even one note can be paid', () => {
    expect(amountChoices(5_000, 10_000)).toEqual([]);
    expect(amountChoices(50_000, 0)).toEqual([]);
  });
});
