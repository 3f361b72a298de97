/**
 * `npm run soak [-- --journeys N --seed S]`: the seeded mixed-journey run at full length
 * (10,000 journeys by default) through the daemon against the host simulator; writes
 * bench/SOAK.md and exits non-zero when an invariant does not hold.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runInvariants } from './mixed-journeys.invariants.js';
import { runMixedJourneys } from './mixed-journeys.js';

const { values } = parseArgs({
  options: { journeys: { type: 'string', default: '10000' }, seed: { type: 'string', default: '20261126' } },
});
const journeys = Number(values.journeys);
const seed = Number(values.seed);
const SOAK = fileURLToPath(new URL('../SOAK.md', import.meta.url));

const result = await runMixedJourneys({
  journeys,
  seed,
  progressEvery: 1000,
  progress: (n) => process.stderr.write(`soak: ${n} journeys\n`),
});
const checks = runInvariants(result);
const { cards, blanks } = result;
const yuan = (fen: number) => (fen / 100).toFixed(2);
const lines = [
  '# Mixed-journey soak run (issue 8)',
  '',
  `Written by \`npm run soak\` on ${new Date().toISOString().slice(0, 10)}: ${result.journeys} journeys, seed ${seed}, in ${result.seconds.toFixed(0)} s.`,
  'The real daemon in one process (emulators, SQLite journal file with WAL and synchronous FULL) against the host',
  'simulator over HTTP, whose clock moves an hour per journey (daily caps come and go; the fund pays each demo',
  'resident 3,000 yuan every half month). A robot resident picks a demo card and a journey, and now and then types a',
  'wrong PIN, asks over the cap, fails the face match, leaves the notes in the slot or reports the card lost (then',
  'finds it and has it unfrozen at the counter, or gets a replacement made at the kiosk: ID card, face, the 20 yuan',
  'fee by QR or from the account). A resident whose card is refused as expired applies for a new card at the',
  'counter and has it made at the kiosk (the card printer emulator and its chip station); a new card is taken from',
  'the slot and its PIN activated at the kiosk. A card whose PIN got blocked is unlocked at the kiosk (ID card, face,',
  'new PIN), and a card the host holds for PIN failures is cleared by back-office staff. Field staff come on a weekly',
  'round and within 4 hours when the kiosk holds a journey back for a device or supply; on the real maintenance API',
  '(staff card, PIN on the PIN pad) they refill what runs low or out (receipt paper, card blanks, notes, ribbon),',
  'empty full bins, and take the reconciliation report; a supervisor comes for the notes. Loaded as the test profile',
  'loads a kiosk, the card hopper with 50 blanks.',
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
  `Cards made at the kiosk: the host issued ${cards.hostIssued} (numbers reserved ${cards.hostReserved}, given up ${cards.hostAbandoned}), the journal handed over ${cards.journalTaken}, the residents took ${cards.residentsTook}; replacement fees paid by QR ${cards.feesPaid.qr}, from the account ${cards.feesPaid.account}.`,
  blanks
    ? `Card blanks (the daemon's reconciliation report at staff's last visit): ${blanks.hopperBefore} in the hopper at the start + ${blanks.loaded} loaded by staff = ${blanks.issued} issued + ${blanks.spoiled ?? 'not counted'} spoiled + ${blanks.missing} missing + ${blanks.remaining} remaining; difference ${blanks.difference ?? 'not counted'}.`
    : 'Card blanks: the reconciliation report held no card blanks account.',
  '',
  `Field staff's visits: ${result.visits}.`,
  '',
  '| staff work | times | units |',
  '| --- | ---: | ---: |',
  ...Object.entries(result.staffWork).map(([what, w]) => `| ${what} | ${w.times} | ${w.quantity} |`),
  '',
  '| invariant | holds |',
  '| --- | --- |',
  ...checks.map(([what, ok]) => `| ${what} | ${ok ? 'yes' : 'NO'} |`),
  '',
];
writeFileSync(SOAK, lines.join('\n'));
process.stdout.write(lines.join('\n'));
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);
