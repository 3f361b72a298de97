/**
 * `npm run soak [-- --journeys N --seed S]`: the seeded mixed-journey run at full length
 * (10,000 journeys by default) through the daemon against the host simulator; writes
 * bench/SOAK.md and exits non-zero when an invariant does not hold.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runMixedJourneys, type MixedRunResult } from './mixed-journeys.js';

const { values } = parseArgs({
  options: { journeys: { type: 'string', default: '10000' }, seed: { type: 'string', default: '20261126' } },
});
const journeys = Number(values.journeys);
const seed = Number(values.seed);
const SOAK = fileURLToPath(new URL('../SOAK.md', import.meta.url));

function invariants(r: MixedRunResult): [string, boolean][] {
  return [
    ['the host ledger balances (every transaction and the whole ledger sum to zero)', r.ledgerBalanced],
    ['nothing is still held at the host', r.hostHeldFen === 0],
    ['the notes the resident took = what the host booked as paid', r.cashTakenFen === r.hostPaidFen],
    ['one journaled confirmation per withdrawal the host paid', r.journalConfirmed === r.hostPaidWithdrawals],
  ];
}

const result = await runMixedJourneys({
  journeys,
  seed,
  progressEvery: 1000,
  progress: (n) => process.stderr.write(`soak: ${n} journeys\n`),
});
const checks = invariants(result);
const yuan = (fen: number) => (fen / 100).toFixed(2);
const lines = [
  '# Mixed-journey soak run (issue 8)',
  '',
  `Written by \`npm run soak\` on ${new Date().toISOString().slice(0, 10)}: ${result.journeys} journeys, seed ${seed}, in ${result.seconds.toFixed(0)} s.`,
  'The real daemon in one process (emulators, SQLite journal file with WAL and synchronous FULL) against the host',
  'simulator over HTTP, whose clock moves an hour per journey (daily caps come and go; the fund pays each demo',
  'resident 3,000 yuan every half month). A robot resident picks a demo card and a journey, and now and then types a',
  'wrong PIN, asks over the cap, fails the face match, leaves the notes in the slot or reports the card lost (then',
  'has it unfrozen at the counter); a card whose PIN got blocked is unlocked at the kiosk (ID card, face, new PIN),',
  'and a card the host holds for PIN failures is cleared by back-office staff. Nobody refills the receipt paper.',
  'The short version of this run (150 journeys) is part of `npm test`.',
  '',
  '| journey | outcome (refusal code) | count |',
  '| --- | --- | ---: |',
  ...Object.entries(result.outcomes).flatMap(([journey, byOutcome]) =>
    Object.entries(byOutcome)
      .sort((a, b) => b[1] - a[1])
      .map(([outcome, n]) => `| ${journey} | ${outcome} | ${n} |`),
  ),
  '',
  `Withdrawals at the host: ${result.hostWithdrawals}, paid ${result.hostPaidWithdrawals}; ${yuan(result.hostPaidFen)} yuan paid, ${yuan(result.cashTakenFen)} yuan taken from the slot.`,
  '',
  '| invariant | holds |',
  '| --- | --- |',
  ...checks.map(([what, ok]) => `| ${what} | ${ok ? 'yes' : 'NO'} |`),
  '',
];
writeFileSync(SOAK, lines.join('\n'));
process.stdout.write(lines.join('\n'));
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);
