/**
 * A byte-level serial emulator on a thread of its own, the far end of the pseudo terminal the
 * daemon's driver opens: the LCDM cash dispenser or the GA 467 ID reader, driven by the spec through
 * a small typed channel (`OnThread`: each of the emulator's controls answers a promise).
 *
 * Why a thread: the daemon times the device's answers (an ACK within 500 ms, three tries, a
 * heartbeat STATUS every 3 s), and an emulator in the spec's Jest worker answered only when that
 * worker's event loop ran. A pause of it (a garbage collection of a heap grown over a run's files, a
 * synchronous require, a loaded machine) past the line's ACK windows read the dispenser silent
 * (CASH_DISPENSER_DOWN) and a withdrawal started meanwhile was refused JOURNEY_NOT_OFFERED. On its
 * own thread (its own event loop and heap) the emulator answers through any pause of the worker;
 * the pseudo terminal is made there too (no relay left in the worker), and it lives as long as the
 * world, across the daemon's restarts, as the device it stands for outlives the kiosk's process.
 *
 * The thread runs the emulators as built (the device-drivers room's dist, made by `tsc -b` before
 * any e2e run): a worker has no Jest transform, and needs none.
 */
import { Worker } from 'node:worker_threads';
import type { Ga467IdReaderEmulatorOptions } from '@kiosk/device-drivers/ga467-serial-road';
import type {
  LcdmCashDispenserEmulatorOptions,
  LcdmCashMechanism,
  LcdmEmulatorFault,
} from '@kiosk/device-drivers/lcdm-serial-road';
import type { DemoLooks } from '@kiosk/domain';

type LcdmMechanismState = ReturnType<LcdmCashMechanism['snapshot']>;

/** The cable on the device's side: in (it answers), out (nothing answers, nothing it is sent is read). */
interface LineOps {
  plugIn(): void;
  unplug(): void;
}

/** At the next dispense, the notes counted into the presenter, the line drops before the answer. */
export interface DispenseThenLineDrops {
  /** plugged in again this long after (absent: left out) */
  readonly lineBackAfterMs?: number;
  /** back busy (it NAKs every command until its faults are cleared) */
  readonly busy?: boolean;
}

/**
 * At a retract reaching the mechanism: `lineDrops` (the line drops before it moves a note, the
 * retract unanswered), `answerLost` (the notes drawn in, then the line drops before the answer),
 * `failsOnce` (the first after arming is not answered, the line up; the next is); null: as built.
 */
export type RetractFault = 'lineDrops' | 'answerLost' | 'failsOnce';

/**
 * Right after the next PRESENT is answered (the notes open at the slot): `silent` (the line drops:
 * nothing answers, nothing it is sent is read) or `busy` (it NAKs every command until its faults
 * are cleared). Applied on the emulator's thread, so it lands with the notes at the slot whatever
 * the spec's Jest worker is doing.
 */
export type PresentFault = 'silent' | 'busy';

export interface LcdmOps extends LineOps {
  setFault(fault: LcdmEmulatorFault | null): void;
  takeCash(): boolean;
  retractOnItsOwn(): boolean;
  /** the resident takes `notes` of those at the slot, not all */
  take(notes: number): boolean;
  /** the resident takes `notes` of those at the slot in the instant the next RETRACT arrives */
  takeAtRetract(notes: number): void;
  commandsTaken(cmd: number): number;
  /** where every note is now */
  snapshot(): LcdmMechanismState;
  /** armed for the next dispense only */
  dispenseThenLineDrops(then: DispenseThenLineDrops): void;
  /** armed for the next PRESENT only (null: disarmed) */
  afterPresent(fault: PresentFault | null): void;
  /** armed until disarmed (null); counts retracts from here */
  retractFault(fault: RetractFault | null): void;
  /** retracts that reached the mechanism since `retractFault` was last armed */
  retractsTried(): number;
}

export interface Ga467Ops extends LineOps {
  placeCard(key: string): void;
  removeCard(): void;
  /** answers once the driver has looked at the pad `n` more times, with the cards read meanwhile */
  morePolls(n: number, withinMs: number): DemoLooks;
}

const LCDM_OPS: Record<keyof LcdmOps, true> = {
  plugIn: true,
  unplug: true,
  setFault: true,
  takeCash: true,
  retractOnItsOwn: true,
  take: true,
  takeAtRetract: true,
  commandsTaken: true,
  snapshot: true,
  dispenseThenLineDrops: true,
  afterPresent: true,
  retractFault: true,
  retractsTried: true,
};
const GA467_OPS: Record<keyof Ga467Ops, true> = {
  plugIn: true,
  unplug: true,
  placeCard: true,
  removeCard: true,
  morePolls: true,
};

/** What the thread runs: its emulator's options (data only: nothing but values crosses to a thread). */
export type EmulatorOnThread =
  | { readonly device: 'lcdm'; readonly options?: Omit<LcdmCashDispenserEmulatorOptions, 'onChange'> }
  | { readonly device: 'ga467'; readonly options?: Omit<Ga467IdReaderEmulatorOptions, 'cards'> };

/** The emulator's controls, each answered from its thread, and its line. */
export type OnThread<Ops> = {
  readonly [K in keyof Ops]: Ops[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<R>
    : never;
} & {
  /** the path the daemon's driver opens */
  readonly hostPath: string;
  /** switches the emulator off, frees the line and ends the thread */
  close(): Promise<void>;
};

type Reply = { readonly id: number; readonly value?: unknown; readonly error?: string };

const WORKER = new URL('./emulator-thread.worker.mjs', import.meta.url);

/** The LCDM emulator on its thread, plugged in unless `plugged` is false. */
export const lcdmOnThread = (
  options: Omit<LcdmCashDispenserEmulatorOptions, 'onChange'> = {},
  plugged = true,
): Promise<OnThread<LcdmOps>> => onThread({ device: 'lcdm', options }, LCDM_OPS, plugged);

/** The GA 467 emulator on its thread, plugged in unless `plugged` is false. */
export const ga467OnThread = (
  options: Omit<Ga467IdReaderEmulatorOptions, 'cards'> = {},
  plugged = true,
): Promise<OnThread<Ga467Ops>> => onThread({ device: 'ga467', options }, GA467_OPS, plugged);

async function onThread<Ops>(
  emulator: EmulatorOnThread,
  ops: Record<keyof Ops, true>,
  plugged: boolean,
): Promise<OnThread<Ops>> {
  // trackUnmanagedFds off: the line's descriptors come from openpty, not from fs, and are closed by
  // the line itself (tracked, each close would warn)
  const worker = new Worker(WORKER, { workerData: { ...emulator, plugged }, trackUnmanagedFds: false });
  // nothing of the thread holds the spec's process: a world disposed or not, Jest's worker can leave
  worker.unref();
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let next = 0;
  let gone: Error | null = null;
  const fail = (error: Error) => {
    gone ??= error;
    for (const call of pending.values()) call.reject(gone);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the emulator's thread ended (exit code ${code})`)));
  worker.on('message', (reply: Reply) => {
    const call = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error !== undefined) call?.reject(new Error(reply.error));
    else call?.resolve(reply.value);
  });
  const call = (op: string, args: readonly unknown[]): Promise<unknown> =>
    gone
      ? Promise.reject(gone)
      : new Promise((resolve, reject) => {
          const id = next++;
          pending.set(id, { resolve, reject });
          worker.postMessage({ id, op, args });
        });

  let hostPath: string;
  try {
    hostPath = (await call('hostPath', [])) as string;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  const controls = Object.fromEntries(
    Object.keys(ops).map((op) => [op, (...args: unknown[]) => call(op, args)]),
  );
  return {
    ...controls,
    hostPath,
    async close() {
      if (!gone) await call('close', []).catch(() => undefined);
      await worker.terminate();
    },
  } as OnThread<Ops>;
}
