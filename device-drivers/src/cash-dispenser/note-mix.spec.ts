/**
 * The dispenser's note plan over its cassettes: the note mix itself (fewest notes, exact, the notes
 * per dispense) is `@kiosk/domain`'s note-mix spec; here, what the plan adds: cassette ids, larger
 * and fuller cassettes first, cassettes pulled out, the reserve, the coded refusal.
 */
import { planNotes } from './note-mix.js';

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
  it('pays with the fewest notes, larger notes first, named by cassette', () => {
    expect(planNotes(350 * YUAN, [lower(10), upper(10)])).toEqual({
      ok: true,
      noteCount: 4,
      notes: [
        { cassetteId: 'upper', denominationFen: 10_000, count: 3 },
        { cassetteId: 'lower', denominationFen: 5_000, count: 1 },
      ],
    });
  });

  it('falls back to smaller notes when the large cassette runs short', () => {
    expect(planNotes(500 * YUAN, [upper(2), lower(10)])).toMatchObject({
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

  it('refuses with CASH_AMOUNT_NOT_PAYABLE and the note mix’s reason', () => {
    expect(planNotes(120 * YUAN, [upper(100), lower(100)])).toEqual({
      ok: false,
      code: 'CASH_AMOUNT_NOT_PAYABLE',
      reason: 'notAMultiple',
    });
    expect(planNotes(100 * YUAN * 61, [upper(100), lower(100)])).toMatchObject({ reason: 'tooManyNotes' });
    expect(planNotes(500 * YUAN, [upper(2), lower(1)])).toMatchObject({ reason: 'notEnoughNotes' });
    expect(planNotes(1000 * YUAN, [upper(0), lower(100)], 10)).toMatchObject({ reason: 'tooManyNotes' });
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
});
