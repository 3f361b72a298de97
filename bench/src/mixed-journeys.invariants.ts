/**
 * What must hold at the end of a mixed-journey run whatever the residents and staff did: money
 * (the host's ledger, what was held, paid and taken, what the journal confirmed) and cards (every
 * blank accounted for by the daemon's own reconciliation, every card the host issued handed over
 * once, no card number or chip given twice). `npm run soak` writes them into bench/SOAK.md; the
 * short run in `npm test` expects them all.
 */
import type { MixedRunResult } from './mixed-journeys.js';

export function runInvariants(r: MixedRunResult): [string, boolean][] {
  const { cards, blanks } = r;
  return [
    ['the host ledger balances (every transaction and the whole ledger sum to zero)', r.ledgerBalanced],
    ['nothing is still held at the host', r.hostHeldFen === 0],
    ['the notes the resident took = what the host booked as paid', r.cashTakenFen === r.hostPaidFen],
    ['one journaled confirmation per withdrawal the host paid', r.journalConfirmed === r.hostPaidWithdrawals],
    [
      "every blank accounted for in the daemon's card blanks reconciliation: issued + spoiled + missing + remaining = loaded (in the hopper at the start + by staff)",
      blanks !== null &&
        blanks.spoiled !== null &&
        blanks.issued + blanks.spoiled + blanks.missing + blanks.remaining ===
          blanks.hopperBefore + blanks.loaded &&
        blanks.reconciles,
    ],
    ["every staff visit's reconciliation report accounted for every blank", r.visitsNotReconciled === 0],
    [
      'every card the host issued was handed over once (host = journal hand-overs = cards residents took = the reconciliation\u2019s issued)',
      cards.hostIssued === cards.journalTaken &&
        cards.journalTaken === cards.residentsTook &&
        cards.residentsTook === (blanks?.issued ?? -1) &&
        cards.journalTakenTwice === 0 &&
        cards.residentsTookTwice === 0,
    ],
    [
      'every card number reserved was issued or given up',
      cards.hostReserved === cards.hostIssued + cards.hostAbandoned,
    ],
    [
      'no card number used twice (issued or reserved twice, or one a card had already), no chip carrying two cards',
      cards.numbersUsedTwice.length === 0 && cards.chipsUsedTwice === 0,
    ],
  ];
}
