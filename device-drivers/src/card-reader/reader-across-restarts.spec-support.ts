/**
 * The emulated card reader across daemon restarts, for the specs of its state file: a temp folder
 * with `card-reader.json` made before each case and removed after it, the demo cards (kept in
 * memory, the same at every start), and `boot`: the reader as the daemon makes one at boot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from '@jest/globals';
import { cardReaderStateFile } from './card-reader-state-file.js';
import { EmulatedCardReader, type EmulatedCardReaderOptions } from './emulated-card-reader.js';
import { createDemoCards, type VirtualCards } from './virtual-card/demo-cards.js';
import { InMemoryCardStore } from './virtual-card/card-memory.js';

/** The case's state file and cards (a folder named after `prefix`), and the reader's starts. */
export function readerAcrossRestarts(prefix: string) {
  let dir: string;
  let file: string;
  let cards: VirtualCards;
  const opened: EmulatedCardReader[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    file = join(dir, 'card-reader.json');
    cards = createDemoCards({ store: new InMemoryCardStore(), today: new Date('2026-11-26') });
  });
  afterEach(async () => {
    for (const reader of opened.splice(0)) await reader.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    /** the reader's state file (`card-reader.json` in the case's folder) */
    get file() {
      return file;
    },
    get cards() {
      return cards;
    },
    /**
     * A reader as the daemon makes one at boot: the same cards, the state file read now (`options`
     * beside them, as a profile gives them).
     */
    async boot(options: EmulatedCardReaderOptions = {}): Promise<EmulatedCardReader> {
      const reader = new EmulatedCardReader({ ...options, cards, stateFile: cardReaderStateFile(file) });
      opened.push(reader);
      await reader.open();
      return reader;
    },
  };
}
