/**
 * The card printer's line as the driver uses it: one command frame out, one reply line back, in
 * the order they were asked, each with a deadline; a connection closed or failed rejects the
 * command waiting and is told to the driver once; a line the driver closes rejects the command
 * waiting at once (DEVICE_OFFLINE), its deadline cleared, not left to its timeout.
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError, OneLine } from '@kiosk/domain';
import { ReplyParser } from './card-printer.protocol.js';

export class EvolisReplyLine {
  #stream: Duplex | null = null;
  readonly #replies = new ReplyParser();
  #waiting: { resolve: (line: string) => void; reject: (e: Error) => void } | null = null;
  /** one command and its reply line at a time */
  readonly #commands = new OneLine();

  constructor(private readonly commandTimeoutMs: number) {}

  get connected(): boolean {
    return this.#stream !== null;
  }

  /** Takes the stream; `onLost` is told when it closes or fails while it is still this line's. */
  attach(stream: Duplex, onLost: () => void): void {
    this.#stream = stream;
    stream.on('data', (chunk: Buffer) => {
      for (const line of this.#replies.push(chunk)) this.#waiting?.resolve(line);
    });
    const lost = () => {
      if (this.#stream !== stream) return;
      this.#stream = null;
      this.#waiting?.reject(
        new KioskError(ErrorCode.DEVICE_OFFLINE, 'The card printer connection was lost.'),
      );
      onLost();
    };
    stream.on('close', lost);
    stream.on('error', lost);
  }

  /** Lets the stream go (not told as lost); the command waiting for its reply fails at once. */
  detach(): void {
    const stream = this.#stream;
    this.#stream = null;
    this.#waiting?.reject(new KioskError(ErrorCode.DEVICE_OFFLINE, 'The card printer line was closed.'));
    stream?.destroy();
  }

  /** One frame out, one reply line back, in the order they were queued. */
  exchange(frame: Buffer): Promise<string> {
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const stream = this.#stream;
        if (!stream || stream.destroyed) {
          reject(new KioskError(ErrorCode.DEVICE_OFFLINE, 'The card printer is not connected.'));
          return;
        }
        const timer = setTimeout(() => {
          this.#waiting = null;
          reject(new KioskError(ErrorCode.DEVICE_TIMEOUT, 'The card printer did not answer in time.'));
        }, this.commandTimeoutMs);
        this.#waiting = {
          resolve: (line) => {
            clearTimeout(timer);
            this.#waiting = null;
            resolve(line);
          },
          reject: (e) => {
            clearTimeout(timer);
            this.#waiting = null;
            reject(e);
          },
        };
        stream.write(frame);
      });
    return this.#commands.run(run);
  }
}
