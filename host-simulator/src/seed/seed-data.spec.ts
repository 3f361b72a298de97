import { describe, expect, it } from '@jest/globals';
import { DEMO_RESIDENTS, isValidResidentId } from '@kiosk/domain';
import { CARD_STATES } from '../store/host-store.js';
import { FIXED_NOW, makeSimulator } from '../testing/simulator-fixture.js';
import { createPrng } from './prng.js';

function snapshot(simulator: ReturnType<typeof makeSimulator>): unknown {
  return {
    residents: [...simulator.state.residents.values()],
    cards: [...simulator.state.cards.values()],
    transactions: simulator.state.ledger.transactions(),
  };
}

describe('seeded data set', () => {
  it('holds every demo resident exactly as the virtual cards carry them', () => {
    const simulator = makeSimulator();
    for (const demo of DEMO_RESIDENTS) {
      const card = simulator.state.cards.get(demo.cardNumber);
      expect(card).toBeDefined();
      expect(card?.state).toBe(demo.cardState);
      expect(card?.issueDate).toBe(demo.cardIssueDate);
      const holder = simulator.state.residents.get(card?.residentNo ?? '');
      expect(holder).toMatchObject({
        name: demo.name,
        idNumber: demo.idNumber,
        sex: demo.sex,
        birthDate: demo.birthDate,
      });
      expect(isValidResidentId(demo.idNumber, { regionPrefixes: ['4108'] })).toBe(true);
      expect(simulator.state.balanceOfCard(demo.cardNumber)).toBe(demo.balanceFen);
    }
  });

  it('generates 1000 residents by default with valid Jiaozuo ID numbers, all distinct', () => {
    const simulator = makeSimulator({ residents: undefined });
    const residents = [...simulator.state.residents.values()];
    expect(residents).toHaveLength(1000 + DEMO_RESIDENTS.length);
    const ids = new Set(residents.map((r) => r.idNumber));
    expect(ids.size).toBe(residents.length);
    for (const r of residents) {
      expect(isValidResidentId(r.idNumber, { regionPrefixes: ['4108'], today: FIXED_NOW })).toBe(true);
      expect(Number(r.idNumber.slice(16, 17)) % 2 === 1 ? 'male' : 'female').toBe(r.sex);
      expect(simulator.state.residentByIdNumber(r.idNumber)).toBe(r);
    }
  });

  it('has cards in every state and a non-negative balance with records for everyone', () => {
    const simulator = makeSimulator({ residents: 200 });
    const states = new Set([...simulator.state.cards.values()].map((c) => c.state));
    expect([...states].sort()).toEqual([...CARD_STATES].sort());
    for (const r of simulator.state.residents.values()) {
      expect(simulator.state.ledger.balanceOf(r.accountId)).toBeGreaterThanOrEqual(0);
      expect(simulator.state.ledger.transactionsOf(r.accountId).length).toBeGreaterThanOrEqual(3);
    }
    expect(simulator.state.ledger.isBalanced()).toBe(true);
  });

  it('gives the same data for the same seed and different data for another seed', () => {
    expect(snapshot(makeSimulator({ seed: 42 }))).toEqual(snapshot(makeSimulator({ seed: 42 })));
    expect(snapshot(makeSimulator({ seed: 42 }))).not.toEqual(snapshot(makeSimulator({ seed: 43 })));
  });

  it('keeps the demo residents identical whatever the number of generated residents', () => {
    const small = makeSimulator({ residents: 5 });
    const large = makeSimulator({ residents: 50 });
    for (const demo of DEMO_RESIDENTS) {
      expect(small.state.cards.get(demo.cardNumber)).toEqual(large.state.cards.get(demo.cardNumber));
    }
  });
});

describe('seeded PRNG', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const a = createPrng(1);
    const b = createPrng(1);
    const seqA = Array.from({ length: 100 }, () => a.int(3, 9));
    expect(seqA).toEqual(Array.from({ length: 100 }, () => b.int(3, 9)));
    expect(Math.min(...seqA)).toBe(3);
    expect(Math.max(...seqA)).toBe(9);
    expect(() => a.pick([])).toThrow(RangeError);
  });
});
