/**
 * One direction of a serial line read into items: the device's decoder splits the bytes (frames,
 * errors, keys) and the inter-byte gap is watched, so that a frame left unfinished by a silence is
 * flushed as torn. Shared by both ends of a line: the host side (`SerialAnswerLine`, reading the
 * device's answers) and the byte-level emulators (reading the host's commands). The framing is all
 * it shares: what an item means, and what is answered to it, stays with each side.
 */
import { lineDeadline, type LineDeadline } from './line-deadline.js';

/** A device's framing: bytes in, items out; a frame left unfinished by the gap flushed as torn. */
export interface SerialFrameDecoder<Item> {
  push(chunk: Buffer): Item[];
  /** bytes held of an unfinished frame (more than none: the gap is watched) */
  readonly pending: number;
  /** the gap passed mid-frame: what it held, as items (a torn frame's error), and nothing kept */
  flushTorn(): Item[];
}

export class SerialFrameReader<Item> {
  readonly #decoder: SerialFrameDecoder<Item>;
  readonly #gapMs: number;
  readonly #deliver: (items: readonly Item[]) => void;
  #gap: LineDeadline | undefined;
  /** counts `stop()`s: one while the items of a chunk are delivered means no gap is watched after */
  #stops = 0;

  /**
   * @param gapMs silence after which a half-received frame counts as torn
   * @param deliver the items of each chunk, in order, and those of a frame the gap tore
   */
  constructor(decoder: SerialFrameDecoder<Item>, gapMs: number, deliver: (items: readonly Item[]) => void) {
    this.#decoder = decoder;
    this.#gapMs = gapMs;
    this.#deliver = deliver;
  }

  /** Bytes read: their items delivered; an unfinished frame left watched for the gap. */
  receive(chunk: Buffer): void {
    this.#gap?.clear();
    const stops = this.#stops;
    this.#deliver(this.#decoder.push(chunk));
    if (stops !== this.#stops || this.#decoder.pending === 0) return;
    // a stall of the process past it first lets the frame's rest already in the line be read
    this.#gap = lineDeadline(this.#gapMs, () => this.#deliver(this.#decoder.flushTorn()));
  }

  /** The line is closed or unplugged: the gap is no longer watched (what is held stays held). */
  stop(): void {
    this.#gap?.clear();
    this.#stops += 1;
  }
}
