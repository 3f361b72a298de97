/**
 * What a pcscd child process printed, as `PcscdProcess` keeps it (its `output()` and the message
 * of a start that failed). Started with `debug`, pcscd traces every command it passes to the card
 * in hex (`--apdu`: "APDU: 00 20 00 00 03 14 72 58"), and the data field of a VERIFY, a CHANGE
 * REFERENCE DATA or a RESET RETRY COUNTER is the PIN block: it is withheld before the line is kept
 * (the header stays, with the count of bytes withheld), so no PIN reaches a test's output or a
 * failure message (RULES.md: a PIN lives only on the PIN-pad path). A line is kept whole once its
 * end arrives (each stream's on its own); the text read before that scrubs the part received so
 * far the same way.
 */

/** VERIFY (and its odd form), CHANGE REFERENCE DATA, RESET RETRY COUNTER: their data is a PIN */
const PIN_INS = new Set([0x20, 0x21, 0x24, 0x2c]);
/** the header of a command APDU: CLA INS P1 P2 Lc */
const HEADER_BYTES = 5;
/** pcscd's trace of a command: its label, then the bytes in hex, a space after each */
const APDU_TRACE = /(APDU: )([0-9A-Fa-f][0-9A-Fa-f ]*)/g;

/** One line of pcscd's output with the data of a PIN command withheld; any other line as it is. */
export function withoutPinData(line: string): string {
  return line.replace(APDU_TRACE, (trace: string, label: string, hex: string) => {
    const bytes = hex.trim().split(/ +/);
    const ins = Number.parseInt(bytes[1] ?? '', 16);
    if (!PIN_INS.has(ins) || bytes.length <= HEADER_BYTES) return trace;
    const header = bytes.slice(0, HEADER_BYTES).join(' ');
    return `${label}${header} [${bytes.length - HEADER_BYTES} data bytes withheld] `;
  });
}

/** pcscd's two streams: a line of one never runs into a line of the other */
export type PcscdStream = 'stdout' | 'stderr';

export class PcscdOutput {
  #kept = '';
  /** the line each stream is printing: kept once its end arrives */
  readonly #partial: Record<PcscdStream, string> = { stdout: '', stderr: '' };

  push(chunk: string, from: PcscdStream): void {
    const lines = `${this.#partial[from]}${chunk}`.split('\n');
    this.#partial[from] = lines.pop() ?? '';
    for (const line of lines) this.#kept += `${withoutPinData(line)}\n`;
  }

  get text(): string {
    const { stdout, stderr } = this.#partial;
    return `${this.#kept}${withoutPinData(stdout)}${withoutPinData(stderr)}`;
  }
}

/** what pcscd prints once it serves clients: "pcscdaemon.c:666:main() pcsc-lite 1.9.9 daemon ready." */
const READY_LINE = 'daemon ready';

/**
 * Whether one pcscd has printed its ready line, from what that pcscd printed, each stream apart (a
 * line never runs across the two), never from the output kept: that holds the pcscd before a
 * restart too, ready long ago, while the new one may still be setting its readers up.
 */
export class PcscdReadyLine {
  #ready = false;
  /** the line each stream is printing, the ready line perhaps begun in it */
  readonly #partial: Record<PcscdStream, string> = { stdout: '', stderr: '' };

  /** Takes what this pcscd printed on `from`; true once its ready line has come. */
  heard(chunk: string, from: PcscdStream): boolean {
    if (this.#ready) return true;
    const text = `${this.#partial[from]}${chunk}`;
    this.#ready = text.includes(READY_LINE);
    this.#partial[from] = this.#ready ? '' : text.slice(text.lastIndexOf('\n') + 1);
    return this.#ready;
  }
}
