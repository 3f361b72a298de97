/**
 * The device end of a serial line as a byte-level emulator holds it: plugged into a stream
 * (`attach`), unplugged (`detach`: the cable pulled from the device side), the host's bytes read
 * through the device's framing (`SerialFrameReader`: the decoder, the inter-byte gap), its own
 * written back. Shared by the PIN pad, ID reader and cash dispenser emulators; what an item means
 * and what is answered stays with each.
 */
import type { Duplex } from 'node:stream';
import { SerialFrameReader, type SerialFrameDecoder } from './serial-frame-reader.js';

export interface EmulatedSerialEndOptions<Item> {
  readonly decoder: SerialFrameDecoder<Item>;
  /** silence after which a half-received command counts as torn */
  readonly gapMs: number;
  /** the items read, in order (a torn frame's error too, once the gap passed) */
  readonly take: (items: readonly Item[]) => void;
  /** true while the device hears nothing (a silent-device fault): its bytes are not read at all */
  readonly deaf?: () => boolean;
}

export class EmulatedSerialEnd<Item> {
  readonly #reader: SerialFrameReader<Item>;
  readonly #deaf: () => boolean;
  #stream: Duplex | null = null;
  readonly #onData = (chunk: Buffer) => {
    if (!this.#deaf()) this.#reader.receive(chunk);
  };

  constructor(options: EmulatedSerialEndOptions<Item>) {
    this.#reader = new SerialFrameReader(options.decoder, options.gapMs, options.take);
    this.#deaf = options.deaf ?? (() => false);
  }

  /** Plugs the device into a stream (unplugged first from the one before). */
  attach(stream: Duplex): void {
    this.detach();
    this.#stream = stream;
    stream.on('data', this.#onData);
  }

  /** Unplugs it: from now on the host hears nothing, and nothing is read. */
  detach(): void {
    this.#stream?.off('data', this.#onData);
    this.#stream = null;
    this.#reader.stop();
  }

  /** Writes the bytes when plugged in; `written` is told once they are written, or at once when not. */
  write(bytes: Uint8Array, written?: () => void): void {
    if (!this.#stream) written?.();
    else if (written) this.#stream.write(bytes, () => written());
    else this.#stream.write(bytes);
  }
}
