/**
 * How the emulated printer turns text bytes into characters: GB18030 in Chinese mode (FS &),
 * one of a few single-byte code pages otherwise (ESC t n). A multi-byte character split across
 * two writes is held back until its last byte arrives.
 */
import iconv from 'iconv-lite';

/** Katakana page (ESC t 1) box-drawing glyphs that receipt tools use for rules. */
const PAGE1_BOX = '┼┴┬┤├?─│?┌┐└┘┌┐└┘';
const CODE_PAGES: Record<number, string> = { 0: 'cp437', 16: 'windows1252', 17: 'cp866', 19: 'cp858' };

export interface PrintedChar {
  readonly char: string;
  /** a double-byte character: two columns wide */
  readonly wide: boolean;
}

export const isKnownCodePage = (n: number): boolean => n === 1 || CODE_PAGES[n] !== undefined;

/** Length of the GB18030 character starting at b[i]: 1 (invalid lead), 2 or 4 bytes. */
function gbLength(b: Uint8Array, i: number): number {
  const lead = b[i]!;
  if (lead === 0x80 || lead === 0xff) return 1;
  const next = b[i + 1];
  if (next === undefined) return 2;
  return next >= 0x30 && next <= 0x39 ? 4 : 2;
}

export class PrinterCharset {
  chinese: boolean;
  codePage = 0;
  #carry: Uint8Array = new Uint8Array(0);

  constructor(readonly chineseByDefault: boolean) {
    this.chinese = chineseByDefault;
  }

  reset(): void {
    this.chinese = this.chineseByDefault;
    this.codePage = 0;
    this.#carry = new Uint8Array(0);
  }

  decode(raw: Uint8Array): PrintedChar[] {
    const b = this.#carry.length ? Buffer.concat([this.#carry, raw]) : raw;
    this.#carry = new Uint8Array(0);
    const out: PrintedChar[] = [];
    let i = 0;
    while (i < b.length) {
      const c = b[i]!;
      if (c < 0x80) {
        out.push({ char: String.fromCharCode(c), wide: false });
        i += 1;
      } else if (this.chinese) {
        const size = gbLength(b, i);
        if (i + size > b.length) {
          this.#carry = Uint8Array.from(b.subarray(i));
          break;
        }
        const char = size === 1 ? '?' : iconv.decode(Buffer.from(b.subarray(i, i + size)), 'gb18030');
        out.push({ char, wide: size > 1 });
        i += size;
      } else {
        out.push({ char: this.#singleByte(c), wide: false });
        i += 1;
      }
    }
    return out;
  }

  #singleByte(c: number): string {
    if (this.codePage === 1) return PAGE1_BOX[c - 0x8f] ?? '?';
    return iconv.decode(Buffer.of(c), CODE_PAGES[this.codePage] ?? 'cp437');
  }
}
