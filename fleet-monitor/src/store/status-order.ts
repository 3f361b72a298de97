/**
 * Which of a kiosk's statuses is its latest (ADR 0018's addendum on runs), one rule for both
 * stores. The kiosk's clock does not decide it where the kiosk numbers its statuses (`run`): a
 * clock stepped back (NTP after running fast, an RTC that lost its battery) would leave the last
 * status before the step standing until the clock caught up with it, a kiosk out of service shown
 * in service for minutes or hours.
 * - A status of the stored one's run is newer when its count is not below the stored one's (the
 *   same status sent again on a reconnect is taken again, as it was by `at`).
 * - A status of another run is the kiosk's next start (its clock may be set anywhere by then):
 *   taken, and the stored one's run is kept as ended, so a status of an ended run, come late (a
 *   monitor's redelivery, another monitor slower), is refused whatever its time.
 * - A status without a run (an older kiosk, or one rolled back to a release before the runs) is
 *   ordered by its `at` against the stored one's, the rule of before.
 * - A status of a connection (`connectionSeq`, ADR 0011) not above the last offline stored (a will or
 *   clean stop of that connection or a later one) is refused: the connection it was sent on is gone,
 *   the status came late (another monitor stored the offline first). A status without the number (an
 *   older kiosk), or a row without an offline's number, is not ordered by it; nor is a status of a
 *   run other than the stored status's whose count is below the stored status's (the kiosk started
 *   again, its count over): taken, the number kept is let go. A new run's count above the stored
 *   status's is ordered by it (its first connection's will may be stored before its status).
 * - An offline status (a will, a clean stop) or a heartbeat of a connection is of the kiosk now only
 *   when its connection is not before the stored status's (`connectionTakenSql`); while the stored
 *   status's number is below the count before's (`earlierCountSeq`: the count began again and has not
 *   passed it), only when it is the stored status's own connection: any other number may be one the
 *   count before used (a will the broker kept from before the loss, a heartbeat delivered late), and
 *   cannot be told from a later connection of the new count (ADR 0011). A heartbeat must also be above
 *   the last offline stored (its connection not ended). Without a number (an older kiosk) neither is
 *   ordered by it.
 */
import type { ReceivedOnlineStatus } from '../contract/telemetry-reading.js';

/** the ended runs a kiosk's row keeps, the latest last: more than a kiosk starts between two statuses told */
export const ENDED_RUNS_KEPT = 16;

/** What a store holds of a kiosk's order: its stored status, the runs it saw end, its last offline's connection. */
export interface StoredOrder {
  readonly status: Pick<ReceivedOnlineStatus, 'at' | 'run' | 'connectionSeq'> | null;
  readonly endedRuns: readonly string[];
  /** the connection the last numbered offline status stored ended (none: no such offline stored) */
  readonly offlineConnectionSeq: number | null;
  /**
   * the connection of the status stored last before the kiosk's count began again (none: it never
   * did): a will numbered from it on, while the stored status's is below it, is of the count before
   */
  readonly earlierCountSeq: number | null;
}

/** The kiosk's row after `status`, or undefined when the stored status is newer (nothing changes). */
export function orderAfter(stored: StoredOrder, status: ReceivedOnlineStatus): StoredOrder | undefined {
  const before = stored.status;
  const run = status.run;
  if (run !== undefined && stored.endedRuns.includes(run.id)) return undefined;
  // a status starting a run other than the stored one's: the kiosk started again. Its count began
  // again (a lost count file and a clock behind, ADR 0011) only when it is below the stored status's:
  // the offline numbers kept order its runs before. Else they order it too: its first connection's
  // will may be stored before its status (another monitor, the retained will)
  const newRun = run !== undefined && before?.run !== undefined && before.run.id !== run.id;
  const begunAgain =
    newRun &&
    status.connectionSeq !== undefined &&
    before?.connectionSeq !== undefined &&
    status.connectionSeq < before.connectionSeq;
  const gone =
    begunAgain || (newRun && status.connectionSeq === undefined) ? null : stored.offlineConnectionSeq;
  // the wills of the count before may still come late (another monitor): kept out from its last status's on
  const earlierCountSeq = begunAgain ? before!.connectionSeq! : stored.earlierCountSeq;
  if (status.connectionSeq !== undefined && gone !== null && status.connectionSeq <= gone) return undefined;
  if (before === null) return { ...stored, status };
  if (run === undefined) {
    if (before.at > status.at) return undefined;
  } else if (before.run?.id === run.id && before.run.seq > run.seq) return undefined;
  const ended = before.run !== undefined && before.run.id !== run?.id;
  return {
    ...stored,
    offlineConnectionSeq: gone,
    earlierCountSeq,
    status,
    endedRuns: ended ? [...stored.endedRuns, before.run!.id].slice(-ENDED_RUNS_KEPT) : stored.endedRuns,
  };
}

/**
 * SQL, one rule for both stores (their own JSON and parameter words given as expressions): true when
 * an offline status or a heartbeat of connection `seq` is of the kiosk now, against the stored
 * status's number `stored` and the count before's `earlier` (null when never begun again). A
 * connection before the stored status's is over; while the stored status's number is below the count
 * before's, only the stored status's own connection is known to be of the new count.
 */
export function connectionTakenSql(seq: string, stored: string, earlier: string): string {
  return `(${seq} IS NULL OR ${stored} IS NULL OR (${stored} <= ${seq}
    AND (${earlier} IS NULL OR ${stored} >= ${earlier} OR ${seq} = ${stored})))`;
}

/** SQL: true when a heartbeat of connection `seq` is of the kiosk now and above the last offline stored, `gone`. */
export function heartbeatTakenSql(seq: string, stored: string, earlier: string, gone: string): string {
  return `(${seq} IS NULL OR ${gone} IS NULL OR ${seq} > ${gone}) AND ${connectionTakenSql(seq, stored, earlier)}`;
}
