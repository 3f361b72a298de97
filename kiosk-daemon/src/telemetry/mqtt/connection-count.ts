/**
 * The count of the kiosk's connections to the fleet broker (`connectionSeq`, ADR 0011, "a last will
 * and the kiosk's next status"): raised before each try to connect, carried by the online statuses
 * sent on that connection and by its last will and clean stop, so that a monitor storing the will
 * after the next connection's status (another monitor was quicker), or that connection's status after
 * its will, keeps it out. Kept in a file beside the journal (`fleet-connections.json`) and written
 * before the try, so the count rises across daemon restarts and no two connections share a number.
 * A fresh count (no file: a new disk, the file deleted or unreadable, an in-memory journal) starts
 * from the clock's milliseconds, not from 0: the monitors keep the highest number the kiosk's wills
 * ended and refuse what is not above it, so a count started over at 1 had its online statuses refused
 * and its wills kept out until it caught up. A count kept in the file is never moved by the clock (one
 * stepped back, or forward and back, changes nothing); only a fresh count reads it, and is above every
 * number before unless the clock then reads earlier than the moment the count before was seeded.
 */
import { keptFileValue, writeKeptFile } from '@kiosk/device-drivers';

export class ConnectionCount {
  private count: number;
  /** no count kept: the next number is the clock's milliseconds */
  private fresh: boolean;

  /** `now`: the kiosk's clock, read only to start a fresh count */
  constructor(
    private readonly file?: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    const kept =
      file === undefined ? undefined : (keptFileValue(file) as { connections?: unknown } | undefined);
    const connections = kept?.connections;
    this.fresh = !(Number.isSafeInteger(connections) && (connections as number) >= 0);
    this.count = this.fresh ? 0 : (connections as number);
  }

  /** the number of the connection tried last (0 before the first) */
  get current(): number {
    return this.count;
  }

  /** The next connection's number, kept in the file before it is used. */
  next(): number {
    const ms = this.fresh ? Math.floor(this.now().getTime()) : Number.NaN;
    // a clock that reads nothing (an invalid date) seeds nothing: the count goes on from 0
    this.count = Number.isSafeInteger(ms) ? Math.max(this.count + 1, ms) : this.count + 1;
    this.fresh = false;
    if (this.file !== undefined) {
      try {
        writeKeptFile(this.file, { connections: this.count });
      } catch {
        // a disk that refuses the write must not stop the link: the count holds in memory
      }
    }
    return this.count;
  }
}
