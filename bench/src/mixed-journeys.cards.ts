/**
 * The card side of the mixed-journey run, read at its end from the host's records, the daemon's
 * journal and the residents' hands: every card the host issued to this kiosk was handed over
 * once, and no card number was given twice.
 */
import Database from 'better-sqlite3';
import type { HostStateView } from '@kiosk/host-simulator';

export interface CardAccount {
  /** cards the host recorded issued by this kiosk */
  readonly hostIssued: number;
  /** card numbers the host reserved for cards made at this kiosk */
  readonly hostReserved: number;
  /** reserved numbers given up (a card not made or not taken) */
  readonly hostAbandoned: number;
  /** hand-overs the journal recorded (card.taken) */
  readonly journalTaken: number;
  /** card makings whose journal shows the card taken more than once */
  readonly journalTakenTwice: number;
  /** new cards the residents took from the card printer's slot */
  readonly residentsTook: number;
  /** the same new card taken by residents twice */
  readonly residentsTookTwice: number;
  /** card numbers the host issued or reserved more than once, or that a card already had */
  readonly numbersUsedTwice: readonly string[];
  /** chips that carry two issued cards */
  readonly chipsUsedTwice: number;
  /** replacement fees paid, by way */
  readonly feesPaid: { readonly qr: number; readonly account: number };
}

const repeated = <T>(xs: readonly T[]): T[] => xs.filter((x, i) => xs.indexOf(x) !== i);

function journalHandOvers(path: string): { taken: number; takenTwice: number } {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT s.transactionId AS tx, COUNT(*) AS n FROM journal_step s
         WHERE s.step = 'card.taken' AND s.phase = 'event' GROUP BY s.transactionId`,
      )
      .all() as { tx: string; n: number }[];
    return {
      taken: rows.reduce((sum, r) => sum + r.n, 0),
      takenTwice: rows.filter((r) => r.n > 1).length,
    };
  } finally {
    db.close();
  }
}

export function cardAccount(
  host: HostStateView,
  kioskId: string,
  cardsBefore: ReadonlySet<string>,
  journalPath: string,
  residentsTook: readonly string[],
): CardAccount {
  const ours = host.audit.filter((e) => e.kioskId === kioskId && e.outcome === 'ok');
  const numbers = (action: string) =>
    ours.filter((e) => e.action === action).map((e) => e.cardNumber ?? '(none)');
  const issued = numbers('card.issued');
  const reserved = numbers('application.cardReserved');
  const chips = issued.map((n) => host.cards.get(n)?.chipSerial ?? `(no chip ${n})`);
  const { taken, takenTwice } = journalHandOvers(journalPath);
  return {
    hostIssued: issued.length,
    hostReserved: reserved.length,
    hostAbandoned: numbers('card.abandoned').length,
    journalTaken: taken,
    journalTakenTwice: takenTwice,
    residentsTook: residentsTook.length,
    residentsTookTwice: repeated(residentsTook).length,
    numbersUsedTwice: [
      ...new Set([...repeated(issued), ...repeated(reserved), ...reserved.filter((n) => cardsBefore.has(n))]),
    ],
    chipsUsedTwice: repeated(chips).length,
    feesPaid: {
      qr: [...host.applications.values()].filter((a) => a.feePaidBy === 'qr').length,
      account: [...host.applications.values()].filter((a) => a.feePaidBy === 'account').length,
    },
  };
}
