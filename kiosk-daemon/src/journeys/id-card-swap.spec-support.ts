/**
 * The world of the ID-card swap specs (id-card-swapped-within-a-poll, -while-reader-silent): the
 * kiosk's ID reader, its GA 467 driver over a pseudo terminal polled every 200 ms as the daemon's
 * is, against the byte-level emulator as one of two modules (`SWAP_MODULES`); the real journal
 * (SQLite in memory) with one card-making transaction and a session's scope over it; the identify
 * journey's actors as the daemon provides them. What it starts is closed by the spec's `closers`.
 */
import type { KioskConfig } from '@kiosk/config';
import {
  CameraEmulator,
  loadGa467SerialRoad,
  type Ga467IdReaderEmulatorOptions,
  type IdReaderPort,
} from '@kiosk/device-drivers';
import type { Ga467IdReaderOptions } from '@kiosk/device-drivers/ga467-serial-road';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { provideIdentifyJourney } from './identify-journey.js';
import { runInScope } from './run-in-scope.spec-support.js';
import { SessionScope, SessionScopes } from './session-scope.js';

export const SESSION = 's1';

/** a module halting the card read (the daemon's emulator), and one that finds it again and knows no read appended address */
export const SWAP_MODULES: [string, Ga467IdReaderEmulatorOptions][] = [
  ['halting the card read (the daemon emulator)', {}],
  [
    'finding the card read again, no read appended address',
    { cardAfterRead: 'findable', readsAppendedAddress: false },
  ],
];

/**
 * The reader, the journal, the session's scope and the identification (see above); `timeouts`
 * added to the profile, and the kiosk's `timeZone` when one is given.
 */
export async function idReaderSession(
  module: Ga467IdReaderEmulatorOptions,
  closers: (() => Promise<void>)[],
  reader: Partial<Ga467IdReaderOptions> = {},
  timeouts: Partial<KioskConfig['timeouts']> = {},
  timeZone?: string,
) {
  const road = await loadGa467SerialRoad();
  const rig = await road.startGa467OverPseudoTerminal({
    emulator: module,
    reader: { cardPollMs: 200, ...reader },
  });
  closers.push(rig.close);
  const { db, journal } = await openMemoryJournal();
  closers.push(() => (db as DataSource).destroy());
  const tx = await journal.openTransaction(SESSION, 'issueCard');
  const scopes = new SessionScopes();
  const scope = new SessionScope(journal, { transactionId: tx, locale: () => 'en', send: () => undefined });
  const idReader: IdReaderPort = rig.reader;
  const camera = new CameraEmulator();
  await camera.open();
  const kiosk = { region: { idRegionPrefixes: ['4108'] }, ...(timeZone !== undefined && { timeZone }) };
  // the kiosk's host timeout: the account fee's tries asked again fit the fee's wait by it
  const config = { kiosk, timeouts, host: { timeoutMs: 5_000 } } as unknown as KioskConfig;
  const identify = provideIdentifyJourney({ idReader, camera, config }, scopes.of).implementations.actors;
  /** `logic` run to its end in the session's scope */
  const run = (logic: unknown, input: unknown) => runInScope(scopes, scope, logic, input);
  return {
    road,
    emulator: rig.emulator,
    reader: idReader,
    journal,
    config,
    scopes,
    scope,
    identify,
    run,
    /** the resident lays their ID card on the reader and the identification reads it */
    identified: async (key: string) => {
      const placed = new Promise<void>((resolve) => {
        const off = idReader.onCardEvent((e) => e.type === 'placed' && (off(), resolve()));
      });
      rig.emulator.placeCard(key);
      await placed;
      return run(identify.readIdCard, { sessionId: SESSION });
    },
    /** lifted and another laid down in one moment (within one poll of the reader) */
    swap: (key: string) => {
      rig.emulator.removeCard();
      rig.emulator.placeCard(key);
    },
  };
}
