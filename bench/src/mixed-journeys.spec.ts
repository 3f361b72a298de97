/**
 * The seeded mixed-journey run, short enough for every test run (the 10,000-journey run is
 * `npm run soak`, recorded in bench/SOAK.md): whatever the robot resident did, money adds up.
 */
import { runMixedJourneys, type MixedRunResult } from './mixed-journeys.js';

describe('seeded random run of mixed journeys through the daemon', () => {
  let run: MixedRunResult;
  beforeAll(async () => {
    run = await runMixedJourneys({ journeys: 150, seed: 20261126 });
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

  it('keeps the ledger balanced with nothing left held', () => {
    expect(run.ledgerBalanced).toBe(true);
    expect(run.hostHeldFen).toBe(0);
  });

  it('pays out exactly what the host booked, and journals a confirmation for each paid withdrawal', () => {
    expect(run.cashTakenFen).toBe(run.hostPaidFen);
    expect(run.journalConfirmed).toBe(run.hostPaidWithdrawals);
  });
});
