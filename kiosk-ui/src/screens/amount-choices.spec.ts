import { amountChoices, MAX_CHOICES } from './amount-choices';
import { noAmountReason } from './amount-chooser';

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

  it('offers only the amounts the daemon accepts: the notes left make 100, 200 and 300 yuan', () => {
    expect(amountChoices(30_000, 10_000, [10_000, 20_000, 30_000])).toEqual([10_000, 20_000, 30_000]);
  });

  it('leaves out an amount the notes left cannot make (150 yuan from one 100 and one 50 taken)', () => {
    expect(amountChoices(25_000, 5_000, [5_000, 10_000, 20_000, 25_000])).toEqual([
      5_000, 10_000, 20_000, 25_000,
    ]);
  });

  it('offers nothing when the daemon accepts no amount', () => {
    expect(amountChoices(50_000, 10_000, [])).toEqual([]);
  });

  it('offers nothing when not even one note can be paid', () => {
    expect(amountChoices(5_000, 10_000)).toEqual([]);
    expect(amountChoices(50_000, 0)).toEqual([]);
  });
});

describe('noAmountReason', () => {
  const details = {
    kind: 'withdraw' as const,
    largestFen: 0,
    noteFen: 10_000,
    singleMaxFen: 50_000,
    receiptAvailable: true,
  };

  it("says today's withdrawals are used up when none is left", () => {
    expect(noAmountReason({ ...details, withdrawalsLeftToday: 0 })).toBe('WITHDRAWAL_DAILY_COUNT_EXCEEDED');
  });

  it('says the balance is short when it is below one note', () => {
    expect(noAmountReason({ ...details, withdrawalsLeftToday: 1, balanceFen: 5_000 })).toBe(
      'INSUFFICIENT_BALANCE',
    );
  });

  it("says today's amount is used up otherwise", () => {
    expect(noAmountReason({ ...details, withdrawalsLeftToday: 1, balanceFen: 90_000 })).toBe(
      'WITHDRAWAL_DAILY_CAP_EXCEEDED',
    );
  });
});
