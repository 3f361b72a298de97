/**
 * The emulator's ESC/POS reader: splits an incoming byte stream (in chunks of any size) into
 * commands, the way a printer's receive buffer does. Real-time commands (DLE EOT, DLE ENQ,
 * DLE DC4) come out as their own kind so the emulator can answer them at once, even while
 * offline. Unknown commands and malformed parameters come out as `unknown` tokens to be
 * logged; nothing here throws on bad input.
 */
import { DC4, DLE, ENQ, EOT, ESC, FS, GS } from './escpos.protocol.js';

export type EscposToken =
  | { readonly kind: 'text'; readonly bytes: Buffer }
  | { readonly kind: 'control'; readonly byte: number }
  | { readonly kind: 'command'; readonly prefix: number; readonly code: number; readonly bytes: Buffer }
  | { readonly kind: 'realtime'; readonly code: number; readonly bytes: Buffer }
  | { readonly kind: 'unknown'; readonly bytes: Buffer; readonly reason: string };

/** Longest command the reader waits for (a full-width raster logo is far below this). */
export const MAX_COMMAND_BYTES = 1 << 20;

const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x18]);

type Length = number | 'incomplete' | { unknown: string; consume: number };

const u16 = (b: Buffer, i: number): number | undefined =>
  i + 1 < b.length ? b[i]! + b[i + 1]! * 256 : undefined;

/** Fixed-length ESC commands: second byte → total length. */
const ESC_FIXED: Record<number, number> = {
  0x40: 2, // ESC @
  0x32: 2, // ESC 2
  0x69: 2, // ESC i (partial cut, legacy)
  0x6d: 2, // ESC m
  0x0c: 2, // ESC FF
  0x20: 3, // ESC SP
  0x21: 3, // ESC !
  0x2d: 3, // ESC -
  0x33: 3, // ESC 3
  0x45: 3, // ESC E
  0x47: 3, // ESC G
  0x4a: 3, // ESC J
  0x4d: 3, // ESC M
  0x52: 3, // ESC R
  0x53: 2, // ESC S
  0x54: 3, // ESC T
  0x56: 3, // ESC V
  0x61: 3, // ESC a
  0x64: 3, // ESC d
  0x65: 3, // ESC e
  0x74: 3, // ESC t
  0x7b: 3, // ESC {
  0x3d: 3, // ESC =
  0x25: 3, // ESC %
  0x24: 4, // ESC $
  0x5c: 4, // ESC \
  0x70: 5, // ESC p
};

/** Fixed-length GS commands. */
const GS_FIXED: Record<number, number> = {
  0x21: 3, // GS !
  0x42: 3, // GS B
  0x48: 3, // GS H
  0x49: 3, // GS I
  0x61: 3, // GS a
  0x62: 3, // GS b
  0x66: 3, // GS f
  0x68: 3, // GS h
  0x72: 3, // GS r
  0x77: 3, // GS w
  0x3a: 2, // GS :
  0x4c: 4, // GS L
  0x57: 4, // GS W
  0x50: 4, // GS P
  0x24: 4, // GS $
  0x5c: 4, // GS \
  0x2f: 3, // GS /
};

/** Fixed-length FS commands. */
const FS_FIXED: Record<number, number> = {
  0x26: 2, // FS &
  0x2e: 2, // FS .
  0x21: 3, // FS !
  0x2d: 3, // FS -
  0x43: 3, // FS C
  0x57: 3, // FS W
  0x53: 4, // FS S
  0x70: 4, // FS p
};

function escLength(b: Buffer, i: number): Length {
  const c = b[i + 1]!;
  const fixed = ESC_FIXED[c];
  if (fixed !== undefined) return fixed;
  if (c === 0x2a) {
    // ESC * m nL nH d1..dk: k = n × (1 or 3) for 8-dot or 24-dot modes
    if (i + 4 >= b.length) return 'incomplete';
    const m = b[i + 2]!;
    const n = u16(b, i + 3)!;
    if (![0, 1, 32, 33].includes(m)) return { unknown: 'ESC * bad mode', consume: 5 };
    return 5 + n * (m >= 32 ? 3 : 1);
  }
  if (c === 0x63) return i + 2 < b.length ? 4 : 'incomplete'; // ESC c 3/4/5 n
  return { unknown: `ESC 0x${c.toString(16)}`, consume: 2 };
}

function gsLength(b: Buffer, i: number): Length {
  const c = b[i + 1]!;
  const fixed = GS_FIXED[c];
  if (fixed !== undefined) return fixed;
  switch (c) {
    case 0x56: {
      // GS V m [n]
      if (i + 2 >= b.length) return 'incomplete';
      const m = b[i + 2]!;
      if ([0, 1, 48, 49].includes(m)) return 3;
      if ([65, 66, 97, 98, 103, 104].includes(m)) return 4;
      return { unknown: `GS V bad mode ${m}`, consume: 3 };
    }
    case 0x6b: {
      // GS k m: NUL-terminated (m 0..6) or counted (m 65..79)
      if (i + 3 >= b.length) return 'incomplete';
      const m = b[i + 2]!;
      if (m <= 6) {
        const end = b.indexOf(0, i + 3);
        return end < 0 ? 'incomplete' : end - i + 1;
      }
      if (m >= 65 && m <= 79) return 4 + b[i + 3]!;
      return { unknown: `GS k bad type ${m}`, consume: 3 };
    }
    case 0x76: {
      // GS v 0 m xL xH yL yH d1..dk
      if (i + 7 >= b.length) return 'incomplete';
      if (b[i + 2] !== 0x30) return { unknown: 'GS v not 0', consume: 3 };
      return 8 + u16(b, i + 4)! * u16(b, i + 6)!;
    }
    case 0x28: {
      // GS ( X pL pH ...
      if (i + 4 >= b.length) return 'incomplete';
      return 5 + u16(b, i + 3)!;
    }
    case 0x38: {
      // GS 8 L p1 p2 p3 p4 ...
      if (i + 6 >= b.length) return 'incomplete';
      if (b[i + 2] !== 0x4c) return { unknown: 'GS 8 not L', consume: 3 };
      return 7 + b.readUInt32LE(i + 3);
    }
    default:
      return { unknown: `GS 0x${c.toString(16)}`, consume: 2 };
  }
}

function fsLength(b: Buffer, i: number): Length {
  const c = b[i + 1]!;
  const fixed = FS_FIXED[c];
  if (fixed !== undefined) return fixed;
  if (c === 0x28) return i + 4 >= b.length ? 'incomplete' : 5 + u16(b, i + 3)!;
  return { unknown: `FS 0x${c.toString(16)}`, consume: 2 };
}

function dleLength(b: Buffer, i: number): Length {
  const c = b[i + 1]!;
  if (c === EOT || c === ENQ) return 3;
  if (c === DC4) {
    if (i + 2 >= b.length) return 'incomplete';
    const fn = b[i + 2]!;
    if (fn === 1 || fn === 2) return 5;
    if (fn === 7) return 4;
    if (fn === 8) return 10;
    return { unknown: `DLE DC4 fn ${fn}`, consume: 3 };
  }
  return { unknown: `DLE 0x${c.toString(16)}`, consume: 2 };
}

export class EscposStreamParser {
  #buf: Buffer = Buffer.alloc(0);

  /** Feeds bytes; returns every token complete so far. Incomplete commands wait for more. */
  push(chunk: Uint8Array): EscposToken[] {
    this.#buf = this.#buf.length ? Buffer.concat([this.#buf, chunk]) : Buffer.from(chunk);
    const out: EscposToken[] = [];
    const b = this.#buf;
    let i = 0;
    while (i < b.length) {
      const x = b[i]!;
      if (x === ESC || x === GS || x === FS || x === DLE) {
        if (i + 1 >= b.length) break;
        const len =
          x === ESC
            ? escLength(b, i)
            : x === GS
              ? gsLength(b, i)
              : x === FS
                ? fsLength(b, i)
                : dleLength(b, i);
        if (len === 'incomplete') break;
        if (typeof len === 'object') {
          out.push({
            kind: 'unknown',
            bytes: Buffer.from(b.subarray(i, i + len.consume)),
            reason: len.unknown,
          });
          i += Math.min(len.consume, b.length - i);
          continue;
        }
        if (len > MAX_COMMAND_BYTES) {
          out.push({
            kind: 'unknown',
            bytes: Buffer.from(b.subarray(i, i + 2)),
            reason: `declared length ${len} too large`,
          });
          i += 2;
          continue;
        }
        if (i + len > b.length) break;
        const bytes = Buffer.from(b.subarray(i, i + len));
        if (x === DLE) out.push({ kind: 'realtime', code: b[i + 1]!, bytes });
        else out.push({ kind: 'command', prefix: x, code: b[i + 1]!, bytes });
        i += len;
      } else if (x < 0x20 || x === 0x7f) {
        out.push(
          TEXT_CONTROLS.has(x)
            ? { kind: 'control', byte: x }
            : { kind: 'unknown', bytes: Buffer.of(x), reason: 'control byte' },
        );
        i += 1;
      } else {
        let j = i + 1;
        while (j < b.length && b[j]! >= 0x20 && b[j] !== 0x7f) j += 1;
        out.push({ kind: 'text', bytes: Buffer.from(b.subarray(i, j)) });
        i = j;
      }
    }
    this.#buf = Buffer.from(b.subarray(i));
    return out;
  }

  /** Bytes held back waiting for the rest of a command. */
  get pending(): number {
    return this.#buf.length;
  }

  reset(): void {
    this.#buf = Buffer.alloc(0);
  }
}
