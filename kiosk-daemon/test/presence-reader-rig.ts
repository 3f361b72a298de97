/**
 * The rig of the daemon's e2e specs on a reader without a motor: the bundled daemon on pcscd's first
 * reader (vpcd's) run as a plain reader (`devices.cardReader.mechanism=presence`), the journal file
 * read back after the daemon wrote it, and pcscd's own word on the card (a client of its own, in a
 * process of its own: see `WATCHER`).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type Database from 'better-sqlite3';
import type { PcscdProcess } from '@kiosk/device-drivers';
import { eventually } from '@kiosk/domain/testing';
import type { DaemonProcess } from './daemon-process.js';
import { readJournalFile } from './journal-steps.js';

export const PRESENCE_READER = 'Virtual PCD 00 00';

/**
 * The daemon's arguments: pcscd's first reader as a plain reader without a motor, its reopen waits
 * short; `positionWaitMs`, boot recovery's wait for the reader's word, when given.
 */
export const onPresenceReader = (positionWaitMs?: number): string[] => [
  ...['--set', 'devices.cardReader.driver=pcsc'],
  ...['--set', 'devices.cardReader.mechanism=presence'],
  ...(positionWaitMs === undefined ? [] : ['--set', `devices.cardReader.positionWaitMs=${positionWaitMs}`]),
  ...['--set', 'devices.reopen.firstIntervalMs=200'],
  ...['--set', 'devices.reopen.maxIntervalMs=1000'],
];

export interface TransactionRow {
  readonly id: string;
  readonly journey: string;
  readonly status: string;
  readonly outcome: string | null;
}

const journalIn = <T>(dir: string, read: (db: Database.Database) => T): T =>
  readJournalFile(join(dir, 'journal.sqlite'), read);

/** The journal's transactions in the daemon's folder `dir`. */
export const transactionsIn = (dir: string): TransactionRow[] =>
  journalIn(
    dir,
    (db) =>
      db.prepare(`SELECT id, journey, status, outcome FROM journal_transaction`).all() as TransactionRow[],
  );

/** The steps of transaction `tx` in the daemon's folder `dir`, `step:phase` with their detail. */
export const stepsIn = (dir: string, tx: string) =>
  journalIn(
    dir,
    (db) =>
      db
        .prepare(`SELECT step, phase, detail FROM journal_step WHERE transactionId = ? ORDER BY seq`)
        .all(tx) as { step: string; phase: string; detail: string | null }[],
  ).map((s) => ({ step: `${s.step}:${s.phase}`, detail: s.detail === null ? null : JSON.parse(s.detail) }));

/** The waits for a card left at the slot (`cardLeftAtSlot` transactions) in the daemon's folder `dir`. */
export const slotCardWaitsIn = (dir: string): TransactionRow[] =>
  transactionsIn(dir).filter((t) => t.journey === 'cardLeftAtSlot');

/**
 * The waits for a card left at the slot in `dir`, once the first is journaled: its transaction and
 * its first step. The kiosk holds the card journeys back (CARD_LEFT_IN_READER) as the session ends,
 * while the wait is journaled apart from the session's close (its transaction opened, then its
 * step): a read as soon as the kiosk or the screen says so may find no wait, or one without its step.
 */
export function slotCardWaitJournaled(dir: string, withinMs = 15_000): Promise<TransactionRow[]> {
  return eventually(() => slotCardWaitsIn(dir), 'the wait for the card left at the slot journaled', {
    withinMs,
    until: (found) => found.length > 0 && stepsIn(dir, found[0]!.id).length > 0,
  });
}

/**
 * How long the rig waits for pcscd's word on the card once it is back (about a second when all goes
 * well): a wait that never ends fails its case with what did not come, the daemon let go on.
 */
export const PCSCD_CARD_WAIT_MS = 20_000;

/** `work`, or an error saying `what` did not come within `ms` (`more`: what was seen meanwhile). */
async function within<T>(work: Promise<T>, ms: number, what: string, more = () => ''): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not come within ${ms} ms${more()}`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The watcher, a client of pcscd's of its own in a process of its own: pcsclite sets its context up
 * (SCardEstablishContext) on the calling thread and waits for pcscd without bound, and pcscd just
 * started answers no client before its reader's first poll, which waits for the virtual card's
 * answer to vpcd; were the watcher in the process that holds the card (the spec's), neither would
 * ever answer the other. It says each word it hears, a line each.
 */
const WATCHER = `const [driversUrl, readerName] = process.argv.slice(1);
const { PcscChipLink } = await import(driversUrl);
const watcher = new PcscChipLink({ readerName, closeTimeoutMs: 500, reconnectIntervalMs: 100, maxReconnectIntervalMs: 1000 });
watcher.onState((state) => console.log('link ' + state));
watcher.onPresence((seen) => console.log('card ' + String(seen)));
await watcher.start(0);`;
const DRIVERS = new URL('../../device-drivers/dist/index.js', import.meta.url).href;

/**
 * Resolves once pcscd reports a card on its first reader (the watcher's, ended after); rejects
 * after `withinMs` naming what the watcher heard meanwhile.
 */
export async function pcscdSeesTheCard(withinMs = PCSCD_CARD_WAIT_MS): Promise<void> {
  const watcher = spawn(process.execPath, ['--input-type=module', '-e', WATCHER, DRIVERS, PRESENCE_READER], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const heard: string[] = [];
  const exited = new Promise<void>((resolve) => watcher.once('exit', () => resolve()));
  const present = new Promise<void>((resolve, reject) => {
    createInterface({ input: watcher.stdout! }).on('line', (line) => {
      heard.push(line);
      if (line === 'card true') resolve();
    });
    createInterface({ input: watcher.stderr! }).on('line', (line) => heard.push(line));
    void exited.then(() => reject(new Error(`the watcher of pcscd ended: ${heard.join(', ')}`)));
  });
  try {
    await within(present, withinMs, `pcscd's word of a card on "${PRESENCE_READER}"`, () => {
      return `; the watcher heard: ${heard.join(', ') || 'nothing'}`;
    });
  } finally {
    watcher.kill('SIGKILL');
    await exited;
  }
}

/**
 * pcscd started again (after `kill`) with the card still on the contacts, the daemon held still
 * (SIGSTOP, by its id) until pcscd reports the card. Works around the virtual card: vpcd's card dials
 * in only after pcscd's start, so pcscd's first status would say "no card" (the card pulled out)
 * where a real reader coming back with a card inside reports it at once. Bounded: pcscd not back or
 * the card not reported within `PCSCD_CARD_WAIT_MS` fails the case, the daemon let go on all the same.
 */
export async function pcscdBackWithTheCard(
  pcscd: PcscdProcess,
  daemon: Pick<DaemonProcess, 'child'>,
): Promise<void> {
  daemon.child.kill('SIGSTOP');
  try {
    await within(pcscd.restart(), PCSCD_CARD_WAIT_MS, 'pcscd back after its restart');
    await pcscdSeesTheCard();
  } finally {
    daemon.child.kill('SIGCONT');
  }
}
