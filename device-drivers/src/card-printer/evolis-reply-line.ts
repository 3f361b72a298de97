/**
 * The card printer's line as the driver uses it: one command frame out, one reply line back, in
 * the order they were asked, each with a deadline; a connection closed or failed rejects the
 * command waiting and is told to the driver once; a line the driver closes rejects the command
 * waiting at once (DEVICE_OFFLINE), its deadline cleared, not left to its timeout. A reply names no
 * command ("OK", a value, "ERR;<word>"): the reply of a command that timed out may still come, and
 * before the next command it is awaited (up to `lateReplyMs`) and dropped, not read as that
 * command's (`AnswersByOrder`); a printer silent through that wait is not waited on again until heard.
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError, OneLine } from '@kiosk/domain';
import { AnswersByOrder } from '../common/answers-by-order.js';
import { ReplyParser } from './card-printer.protocol.js';

export class EvolisReplyLine {
  #stream: Duplex | null = null;
  readonly #parser = new ReplyParser();
  readonly #replies = new AnswersByOrder<string>();
  /** one command and its reply line at a time */
  readonly #commands = new OneLine();

  /** `lateReplyMs`: the wait for a timed-out command's late reply before the next (default the command time) */
  constructor(
    private readonly commandTimeoutMs: number,
    private readonly lateReplyMs = commandTimeoutMs,
  ) {}

  get connected(): boolean {
    return this.#stream !== null;
  }

  /** Takes the stream; `onLost` is told when it closes or fails while it is still this line's. */
  attach(stream: Duplex, onLost: () => void): void {
    this.#stream = stream;
    stream.on('data', (chunk: Buffer) => {
      if (this.#stream !== stream) return;
      for (const line of this.#parser.push(chunk)) this.#replies.take(line);
    });
    const lost = () => {
      if (this.#stream !== stream) return;
      this.#stream = null;
      this.#replies.giveUp(
        new KioskError(ErrorCode.DEVICE_OFFLINE, 'The card printer connection was lost.'),
        false,
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
    this.#replies.giveUp(
      new KioskError(ErrorCode.DEVICE_OFFLINE, 'The card printer line was closed.'),
      false,
    );
    stream?.destroy();
  }

  /** One frame out, one reply line back, in the order they were queued. */
  exchange(frame: Buffer): Promise<string> {
    const run = async () => {
      // a reply that came too late for the command before is not this command's
      await this.#replies.catchUp(this.lateReplyMs);
      const stream = this.#stream;
      if (!stream || stream.destroyed) {
        throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The card printer is not connected.');
      }
      const [reply] = this.#replies.expect(1);
      const timer = setTimeout(() => {
        const late = new KioskError(ErrorCode.DEVICE_TIMEOUT, 'The card printer did not answer in time.');
        this.#replies.giveUp(late, true);
      }, this.commandTimeoutMs);
      stream.write(frame);
      try {
        return await reply!;
      } finally {
        clearTimeout(timer);
      }
    };
    return this.#commands.run(run);
  }
}
