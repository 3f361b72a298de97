import { planNotes, smallestNoteFen } from './note-mix.js';

const YUAN = 100;
const upper = (count: number, present = true) => ({
  id: 'upper',
  denominationFen: 100 * YUAN,
  count,
  present,
});
const lower = (count: number, present = true) => ({
  id: 'lower',
  denominationFen: 50 * YUAN,
  count,
  present,
});

describe('planNotes', () => {
  it('pays with the fewest notes, larger notes first', () => {
    expect(planNotes(350 * YUAN, [upper(10), lower(10)])).toEqual({
      ok: true,
      noteCount: 4,
      notes: [
        { cassetteId: 'upper', denominationFen: 10_000, count: 3 },
        { cassetteId: 'lower', denominationFen: 5_000, count: 1 },
      ],
    });
  });

  it('falls back to smaller notes when the large cassette runs short', () => {
    const plan = planNotes(500 * YUAN, [upper(2), lower(10)]);
    expect(plan).toMatchObject({
      ok: true,
      notes: [
        { cassetteId: 'upper', count: 2 },
        { cassetteId: 'lower', count: 6 },
      ],
    });
  });

  it('pays every allowed amount up to the cap from a normal load, exactly', () => {
    const cassettes = [upper(200), lower(200)];
    for (let yuan = 50; yuan <= 1000; yuan += 50) {
      const plan = planNotes(yuan * YUAN, cassettes);
      if (!plan.ok) throw new Error(`refused ${yuan}`);
      expect(plan.notes.reduce((s, n) => s + n.denominationFen * n.count, 0)).toBe(yuan * YUAN);
      for (const n of plan.notes) expect(n.count).toBeLessThanOrEqual(200);
    }
  });

  it('finds a mix a greedy pass would miss', () => {
    const plan = planNotes(60 * YUAN, [
      { id: 'a', denominationFen: 50 * YUAN, count: 5 },
      { id: 'b', denominationFen: 20 * YUAN, count: 5 },
    ]);
    expect(plan).toMatchObject({ ok: true, notes: [{ cassetteId: 'b', count: 3 }] });
  });

  it('spreads equal mixes onto the fuller of two cassettes of one denomination', () => {
    const plan = planNotes(300 * YUAN, [
      { id: 'a', denominationFen: 10_000, count: 5 },
      { id: 'b', denominationFen: 10_000, count: 50 },
    ]);
    expect(plan).toMatchObject({ ok: true, notes: [{ cassetteId: 'b', count: 3 }] });
  });

  it.each([
    [0, 'invalidAmount'],
    [-100, 'invalidAmount'],
    [12.5, 'invalidAmount'],
    [Number.NaN, 'invalidAmount'],
    [120 * YUAN, 'notAMultiple'],
    [100 * YUAN * 61, 'tooManyNotes'],
  ])('refuses %p (%s)', (amount, reason) => {
    expect(planNotes(amount, [upper(100), lower(100)])).toEqual({
      ok: false,
      code: 'CASH_AMOUNT_NOT_PAYABLE',
      reason,
    });
  });

  it('refuses when the notes loaded cannot pay it', () => {
    expect(planNotes(500 * YUAN, [upper(2), lower(1)])).toMatchObject({
      ok: false,
      reason: 'notEnoughNotes',
    });
    expect(planNotes(50 * YUAN, [upper(10), lower(0)])).toMatchObject({ ok: false, reason: 'notAMultiple' });
  });

  it('refuses when the only way would exceed the notes per dispense', () => {
    expect(planNotes(1000 * YUAN, [upper(0), lower(100)], 10)).toMatchObject({
      ok: false,
      reason: 'tooManyNotes',
    });
  });

  it('leaves a missing cassette out of the mix', () => {
    expect(planNotes(100 * YUAN, [upper(10, false), lower(10)])).toMatchObject({
      ok: true,
      notes: [{ cassetteId: 'lower', count: 2 }],
    });
    expect(planNotes(100 * YUAN, [upper(10, false)])).toMatchObject({ ok: false, reason: 'notEnoughNotes' });
  });

  it('keeps a cassette’s reserve for rejects when another mix pays, and spends it when none does', () => {
    const reserved = [
      { id: 'upper', denominationFen: 100 * YUAN, count: 5, emptyThreshold: 2 },
      { id: 'lower', denominationFen: 50 * YUAN, count: 10, emptyThreshold: 0 },
    ];
    // fewest notes would be five 100s; three 100s and four 50s leave the reserve of two
    expect(planNotes(500 * YUAN, reserved)).toMatchObject({
      ok: true,
      notes: [
        { cassetteId: 'upper', count: 3 },
        { cassetteId: 'lower', count: 4 },
      ],
    });
    expect(planNotes(1_000 * YUAN, reserved)).toMatchObject({
      ok: true,
      notes: [
        { cassetteId: 'upper', count: 5 },
        { cassetteId: 'lower', count: 10 },
      ],
    });
  });

  it('reports the smallest note loaded', () => {
    expect(smallestNoteFen([upper(10), lower(10)])).toBe(5_000);
    expect(smallestNoteFen([upper(10), lower(0)])).toBe(10_000);
    expect(smallestNoteFen([upper(10, false)])).toBe(0);
  });
});
