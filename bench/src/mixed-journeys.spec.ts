/**
 * The seeded mixed-journey run, short enough for every test run (the 10,000-journey run is
 * `npm run soak`, recorded in bench/SOAK.md): whatever the robot residents and field staff did,
 * money adds up and every card blank is accounted for. Two blanks in the hopper: the card made
 * for the resident whose card expired leaves it low, and staff refill it on their visit.
 */
import { runInvariants } from './mixed-journeys.invariants.js';
import { runMixedJourneys, type MixedRunResult } from './mixed-journeys.js';

describe('seeded random run of mixed journeys through the daemon', () => {
  let run: MixedRunResult;
  beforeAll(async () => {
    run = await runMixedJourneys({ journeys: 150, seed: 20261126, blanks: 2 });
  }, 240_000);

  it('ends every journey, and the mix reached money, records, balance and refusals', () => {
    const total = Object.values(run.outcomes).reduce(
      (sum, byOutcome) => sum + Object.values(byOutcome).reduce((a, b) => a + b, 0),
      0,
    );
    expect(total).toBe(150);
    expect(Object.keys(run.outcomes)).toEqual(expect.arrayContaining(['balance', 'records', 'withdraw']));
    expect(run.hostPaidWithdrawals).toBeGreaterThan(0);
    const refusals = Object.values(run.outcomes)
      .flatMap((o) => Object.keys(o))
      .filter((k) => k.includes(':'));
    expect(refusals.length).toBeGreaterThan(0);
  });

  it('makes a new card for the resident whose card expired, who activates it; no card refused as expired after', () => {
    expect(run.outcomes['issueCard']?.['completed']).toBeGreaterThanOrEqual(1);
    expect(run.cards).toMatchObject({
      hostIssued: run.cards.residentsTook,
      journalTaken: run.cards.residentsTook,
    });
    expect(run.cards.residentsTook).toBeGreaterThanOrEqual(1);
    // the demo resident with the expired card and the one with a card made last month
    expect(run.outcomes['activatePin']?.['completed']).toBeGreaterThanOrEqual(2);
    const expired = Object.values(run.outcomes).reduce((n, o) => n + (o['failed:CARD_EXPIRED'] ?? 0), 0);
    expect(expired).toBe(0);
  });

  it('field staff refill the hopper on the maintenance API, and its reconciliation accounts for every blank', () => {
    expect(run.staffWork['refill cardPrinter/cardHopper']?.times).toBeGreaterThanOrEqual(1);
    expect(run.blanks).toMatchObject({ hopperBefore: 2, difference: 0, reconciles: true });
    expect(run.blanks?.loaded).toBe(run.staffWork['refill cardPrinter/cardHopper']?.quantity);
  });

  it('keeps every invariant of the soak: money and cards', () => {
    const broken = runInvariants(run)
      .filter(([, holds]) => !holds)
      .map(([what]) => what);
    expect(broken).toEqual([]);
    expect(run.hostHeldFen).toBe(0);
    expect(run.cashTakenFen).toBe(run.hostPaidFen);
  });
});
