/**
 * The non-volatile memory of a virtual card (its "EEPROM"), and where it is kept: one JSON file
 * per card in a directory, written whole and durably before the card answers (`writeKeptText`:
 * flushed to the disk, renamed over the old one, its folder flushed), so data and counters survive
 * restarts and power cuts exactly as a chip's would. The PIN is kept as a salted hash, never in clear.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { readKeptFile, writeKeptText } from '../../common/kept-file.js';

export interface CardMemory {
  readonly format: 1;
  /** handle used by the demo panel and tests ('zhang', 'li', ... or a blank's serial) */
  readonly cardId: string;
  /** what the demo panel shows (masked) */
  label: string;
  /** chip serial written at manufacture: 16 bytes hex; the issuer key is diversified by it */
  readonly chipSerial: string;
  /** EF05/EF06 records by record number, TLV bytes as hex */
  records: Record<string, string>;
  pin: { salt: string; hash: string } | null;
  pinTriesLeft: number;
  /** wrong PINs in a row before the PIN locks, set when the chip is made; absent: 3 */
  readonly pinTryLimit?: number;
  /**
   * the chip takes VERIFY without a PIN (the tries-left query) for a wrong PIN, spending a try, as
   * some chips in the field do against ISO 7816-4; its ATR says so (`TRIES_QUERY_SPENDING_ATR`).
   * Set when the chip is made; absent: the query spends none.
   */
  readonly spendsTryOnTriesQuery?: boolean;
  /** EF18, oldest first, 18-byte records as hex */
  log: string[];
  /** EF19 byte 0 */
  unprinted: number;
}

export interface CardMemoryStore {
  load(cardId: string): CardMemory | undefined;
  save(memory: CardMemory): void;
  list(): string[];
}

const CARD_ID = /^[A-Za-z0-9_-]{1,40}$/;

export function hashPin(digits: readonly number[], salt = randomBytes(16)): { salt: string; hash: string } {
  const hash = createHash('sha256').update(salt).update(Buffer.from(digits)).digest();
  return { salt: salt.toString('hex'), hash: hash.toString('hex') };
}

export function pinMatches(stored: { salt: string; hash: string }, digits: readonly number[]): boolean {
  const candidate = hashPin(digits, Buffer.from(stored.salt, 'hex')).hash;
  return timingSafeEqual(Buffer.from(candidate, 'hex'), Buffer.from(stored.hash, 'hex'));
}

/**
 * A virtual card whose file does not read (torn, overwritten): DEVICE_HARDWARE_ERROR naming the
 * card and its file. The card is out of use; the file is left as it is.
 */
export class UnreadableCardFile extends KioskError {
  constructor(cardId: string, file: string, why: string, cause?: unknown) {
    super(
      ErrorCode.DEVICE_HARDWARE_ERROR,
      `The virtual card file ${file} does not read (${why}); the card is out of use. Keep the file for the field engineer, or remove it to have a demo card made anew at the next start.`,
      { file, cardId },
      cause === undefined ? {} : { cause },
    );
  }
}

/** One `<cardId>.card.json` per card. */
export class JsonFileCardStore implements CardMemoryStore {
  constructor(private readonly directory: string) {
    mkdirSync(directory, { recursive: true });
  }

  private file(cardId: string): string {
    if (!CARD_ID.test(cardId)) throw new RangeError('A card id is 1..40 letters, digits, _ or -.');
    return join(this.directory, `${cardId}.card.json`);
  }

  load(cardId: string): CardMemory | undefined {
    const read = readKeptFile(this.file(cardId));
    if (read.found === 'none') return undefined;
    if (read.found === 'unreadable') throw this.unreadable(cardId, read.why, read.cause);
    const memory = read.value as CardMemory;
    if (typeof memory !== 'object' || memory === null || memory.format !== 1 || memory.cardId !== cardId) {
      throw this.unreadable(cardId, 'an unknown format or another card');
    }
    return memory;
  }

  /**
   * A card file that does not read is the card's chip memory lost to the emulator (its PIN tries,
   * its log): never made anew silently, left for the field engineer.
   */
  private unreadable(cardId: string, why: string, cause?: unknown): UnreadableCardFile {
    return new UnreadableCardFile(cardId, this.file(cardId), why, cause);
  }

  save(memory: CardMemory): void {
    writeKeptText(this.file(memory.cardId), `${JSON.stringify(memory, null, 1)}\n`, { mode: 0o600 });
  }

  list(): string[] {
    return readdirSync(this.directory)
      .filter((f) => f.endsWith('.card.json'))
      .map((f) => f.slice(0, -'.card.json'.length))
      .sort();
  }
}

/** Memory that lasts as long as the process (unit tests). */
export class InMemoryCardStore implements CardMemoryStore {
  private readonly cards = new Map<string, string>();

  load(cardId: string): CardMemory | undefined {
    const text = this.cards.get(cardId);
    return text === undefined ? undefined : (JSON.parse(text) as CardMemory);
  }

  save(memory: CardMemory): void {
    this.cards.set(memory.cardId, JSON.stringify(memory));
  }

  list(): string[] {
    return [...this.cards.keys()].sort();
  }
}
