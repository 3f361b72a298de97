/**
 * The count of the kiosk's connections to the fleet broker (`connectionSeq`, ADR 0011, "a last will
 * and the kiosk's next status"): raised before each try to connect, carried by the online statuses
 * sent on that connection and by its last will and clean stop, so that a monitor storing the will
 * after the next connection's status (another monitor was quicker) keeps it out. Kept in a file
 * beside the journal (`fleet-connections.json`) and written before the try, so the count rises
 * across daemon restarts and no two connections share a number; without a file (an in-memory
 * journal) it starts at 0 at each start. A file lost or unreadable starts the count over: a will
 * of the connections before, come late, is taken (a brief false offline, as before the count), and
 * until a status of the new count is stored a will of it is kept out (the kiosk, silent, is called
 * offline by the monitor's sweep after three heartbeats).
 */
import { readKeptFile, writeKeptFile } from './kept-file.js';

export class ConnectionCount {
  private count: number;

  constructor(private readonly file?: string) {
    const kept =
      file === undefined ? undefined : (readKeptFile(file) as { connections?: unknown } | undefined);
    const connections = kept?.connections;
    this.count =
      Number.isSafeInteger(connections) && (connections as number) >= 0 ? (connections as number) : 0;
  }

  /** the number of the connection tried last (0 before the first) */
  get current(): number {
    return this.count;
  }

  /** The next connection's number, kept in the file before it is used. */
  next(): number {
    this.count++;
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
