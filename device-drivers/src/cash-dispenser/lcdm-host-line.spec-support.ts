/**
 * The host's end of an in-memory line to the byte-level LCDM emulator, for its unit specs: what the
 * emulator writes is kept (`written`), the host's bytes are pushed in (`line.push`).
 */
import { Duplex } from 'node:stream';

export function hostLine(): { line: Duplex; written: number[] } {
  const written: number[] = [];
  const line = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      written.push(...chunk);
      done();
    },
  });
  return { line, written };
}
