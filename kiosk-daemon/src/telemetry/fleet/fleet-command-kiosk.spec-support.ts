/**
 * The kiosk's command side as the daemon wires it (`fleet-publisher.provider.ts`): the command
 * receiver answering from the journal, the fleet commands service running each command journaled
 * first, a restart accepted happening after its ack. On a real journal (a SQLite file in a folder of
 * the test's own) with the operator's hold kept beside it; the sessions, devices, journal extract
 * and the daemon's restart are fakes that count what was done (`store`: another journal store's
 * options, the same store at every start, e.g. a PostgreSQL database). `start()` is one daemon start on the
 * folder: a new journal connection, service and receiver, the hold applied again; `cut('outcome')`
 * keeps the journal from writing any outcome step or close of this start from then on (a power cut
 * after an act, before its outcome was journaled: the writes never come), `cut('close')` the closes
 * only; `powerCut()` ends the start as a kill would, nothing more written. `refuse` makes a start's
 * journal refuse some writes or its record read (a journal fault, the start going on).
 */
import { afterEach, beforeEach, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { DataSource } from '../../journal/typeorm-runtime.js';
import type { KioskConfig } from '@kiosk/config';
import type { Command, CommandType } from '@kiosk/fleet-monitor/contract';
import type { DevicesService } from '../../devices/devices.service.js';
import { sqliteJournalOptions } from '../../journal/journal.data-source.js';
import { JournalService } from '../../journal/journal.service.js';
import type { SessionsService } from '../../sessions/sessions.service.js';
import { CommandReceiver, type Received } from '../mqtt/command-receiver.js';
import { DaemonRestart } from './daemon-restart.js';
import { FLEET_COMMAND_JOURNEY } from './fleet-command-record.js';
import { FleetCommandsService } from './fleet-commands.service.js';
import type { JournalExtractUpload } from './journal-extract-upload.js';

export const KIOSK = 'JZ-0001';

/** What the fakes saw done, over every start. */
export interface Done {
  holds: string[];
  releases: number;
  restarts: number;
  uploads: string[];
}

export interface KioskStart {
  readonly journal: JournalService;
  /** the start's fleet commands service: its handler and its record, for a publisher of the spec's */
  readonly service: FleetCommandsService;
  /** a command's message received as the publisher receives it; a restart accepted is requested */
  receive(command: Command): Promise<Received>;
  /** from now on no outcome step nor close ('outcome'), or no close ('close'), of this start is written */
  cut(from: 'outcome' | 'close'): void;
  /** the writes asked for and never written since `cut`: the act before them is done */
  readonly cutWrites: string[];
  /** the start ends as a kill ends it: its connection closed under whatever it had not written */
  powerCut(): Promise<void>;
}

export interface CommandKiosk {
  readonly dir: string;
  readonly done: Done;
  start(now?: () => Date): Promise<KioskStart>;
  /** the fleet commands' transactions of `commandId`, each as its outcome and its steps */
  audits(journal: JournalService, commandId: string): Promise<{ outcome: string | null; steps: string[] }[]>;
}

export function command(type: CommandType, issuedAt = new Date().toISOString()): Command {
  const base = { id: randomUUID(), kioskId: KIOSK, issuedAt, issuedBy: 'op' };
  return type === 'uploadJournalExtract'
    ? { ...base, type, from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' }
    : ({ ...base, type } as Command);
}

/** What `refuse` has a start's journal refuse. */
export type JournalRefusal = 'transaction' | 'intent' | 'outcome' | 'close' | 'record read';

/**
 * From now on, until the returned function is called, the journal of `start` refuses
 * (JOURNAL_WRITE_FAILED) to open a transaction ('transaction'), to write an intent ('intent') or any
 * other step ('outcome'), to close a transaction ('close'), or to read the record of the commands
 * ('record read').
 */
export function refuse(start: KioskStart, what: JournalRefusal): () => void {
  const refused = () => Promise.reject(new KioskError(ErrorCode.JOURNAL_WRITE_FAILED, 'refused'));
  const { journal } = start;
  const spies: { mockRestore(): void }[] = [];
  if (what === 'transaction') spies.push(jest.spyOn(journal, 'openTransaction').mockImplementation(refused));
  if (what === 'close') spies.push(jest.spyOn(journal, 'closeTransaction').mockImplementation(refused));
  if (what === 'record read') spies.push(jest.spyOn(start.service, 'recorded').mockImplementation(refused));
  if (what === 'intent' || what === 'outcome') {
    const record = journal.recordStep.bind(journal);
    spies.push(
      jest
        .spyOn(journal, 'recordStep')
        .mockImplementation((id, step, phase, ...rest) =>
          (phase === 'intent') === (what === 'intent') ? refused() : record(id, step, phase, ...rest),
        ),
    );
  }
  return () => spies.forEach((spy) => spy.mockRestore());
}

/** the options of a journal store (`sqliteJournalOptions`, `postgresJournalOptions`) */
type JournalOptions = ReturnType<typeof sqliteJournalOptions>;

export function commandKiosk(store?: () => JournalOptions): CommandKiosk {
  let dir = '';
  const open: DataSource[] = [];
  const done: Done = { holds: [], releases: 0, restarts: 0, uploads: [] };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fleet-command-kiosk-'));
    Object.assign(done, { holds: [], releases: 0, restarts: 0, uploads: [] });
  });
  afterEach(async () => {
    for (const db of open.splice(0)) if (db.isInitialized) await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  return {
    get dir() {
      return dir;
    },
    done,
    async start(now = () => new Date()) {
      const path = join(dir, 'journal.sqlite');
      const config = { kiosk: { id: KIOSK }, journal: { path, retentionDays: 30 } } as KioskConfig;
      const db = new DataSource(store?.() ?? sqliteJournalOptions(path));
      await db.initialize();
      open.push(db);
      const journal = new JournalService(db, config);
      await journal.onModuleInit();
      const sessions = {
        sessionInProgress: false,
        holdOutOfService: (reason: string) => done.holds.push(reason),
        releaseOutOfServiceHold: () => (done.releases += 1),
      };
      const devices = { statuses: () => [] } as unknown as DevicesService;
      const restart = new DaemonRestart();
      restart.onRequested(() => (done.restarts += 1));
      const extracts = {
        upload: (asked: Command) => {
          done.uploads.push(asked.id);
          return Promise.resolve({ result: 'done' });
        },
      } as unknown as JournalExtractUpload;
      const service = new FleetCommandsService(
        sessions as unknown as SessionsService,
        devices,
        journal,
        restart,
        extracts,
        config,
        db,
      );
      service.onModuleInit();
      const receiver = new CommandReceiver(
        KIOSK,
        (c) => service.handle(c),
        now,
        (c) => service.recorded(c),
      );
      const cutWrites: string[] = [];
      return {
        journal,
        service,
        cutWrites,
        async receive(sent) {
          const received = await receiver.receive(Buffer.from(JSON.stringify(sent)));
          if (received.kind === 'handled' && received.firstTime) service.acknowledged(sent, received.ack);
          return received;
        },
        cut(from) {
          const never = (what: string) => {
            cutWrites.push(what);
            return new Promise<never>(() => undefined);
          };
          const record = journal.recordStep.bind(journal);
          if (from === 'outcome')
            jest
              .spyOn(journal, 'recordStep')
              .mockImplementation((id, step, phase, ...rest) =>
                phase === 'intent' ? record(id, step, phase, ...rest) : never(`${step}:${phase}`),
              );
          jest.spyOn(journal, 'closeTransaction').mockImplementation(() => never('close'));
        },
        async powerCut() {
          await db.destroy();
        },
      };
    },
    async audits(journal, commandId) {
      const exported = await journal.exportRange('2000-01-01', '2999-12-31');
      return exported
        .filter(
          (t) => t.transaction.sessionId === commandId && t.transaction.journey === FLEET_COMMAND_JOURNEY,
        )
        .map((t) => ({
          outcome: t.transaction.outcome,
          steps: t.steps.map((s) => `${s.step}:${s.phase}`),
        }));
    },
  };
}
