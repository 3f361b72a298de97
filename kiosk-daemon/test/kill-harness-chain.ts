/**
 * One chain of kill points on one kiosk (see kill-harness.ts): each daemon start recovers the
 * previous point's kill, is checked (the kiosk-wide invariants and the entry's own), and arms the
 * next point; a kiosk waiting for staff, or a resident with nothing left to make, goes on in a
 * fresh world.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { strayFate, strayProblem, type OpenTransaction, type Restart } from './kill-harness-diagnostics.js';
import {
  daemonStart,
  lastTransaction,
  type JourneyEntry,
  type LiveWorld,
  type World,
} from './kill-harness-world.js';
import { UiClient } from './ui-client.js';

/**
 * The points to kill at: after every step; before every outcome (inside its act); and before every
 * event once something may be held (the resident's own acts, taking the cash or the card, are
 * journaled as events), or before every event at all when the entry asks for it.
 */
export function killPoints(steps: readonly string[], everyEvent = false): string[] {
  const firstIntent = steps.findIndex((s) => s.endsWith(':intent'));
  return steps.flatMap((s, i) => [
    ...(s.endsWith(':done') ||
    s.endsWith(':failed') ||
    (s.endsWith(':event') && (everyEvent ? i > 0 : firstIntent >= 0 && i > firstIntent))
      ? [`before:${s}`]
      : []),
    `after:${s}`,
  ]);
}

export interface Row {
  readonly point: string;
  readonly outcome: string;
  readonly problems: readonly string[];
}

/**
 * What recovery left of the killed transaction, kiosk-wide: nothing open and the kiosk in service;
 * or, when recovery journaled that it cannot decide (`recovery.needsStaff`), that transaction alone
 * open and the kiosk out of service for field staff.
 */
async function kioskInvariants(
  entry: JourneyEntry,
  world: World,
  ui: UiClient,
  transactionId: string,
  restart: Restart,
): Promise<{ problems: string[]; needsStaff: string | undefined; strays: OpenTransaction[] }> {
  const problems: string[] = [];
  const [alert] = await world.journal.all<{ detail: string | null }>(
    `SELECT "detail" FROM "journal_step" WHERE "transactionId" = $1 AND "step" = 'recovery.needsStaff'`,
    transactionId,
  );
  const needsStaff = alert
    ? ((JSON.parse(alert.detail ?? '{}') as { reason?: string }).reason ?? '?')
    : undefined;
  const open = await world.journal.all<{ id: string; journey: string }>(
    `SELECT "id", "journey" FROM "journal_transaction" WHERE "status" = 'open'`,
  );
  const strays = open.filter((t) => !(needsStaff !== undefined && t.id === transactionId));
  // which transactions, their steps, who opened them, whether they closed later, what the daemons
  // logged: what a failing run on a loaded machine leaves to read (kill-harness-diagnostics.ts)
  if (strays.length > 0) problems.push(await strayProblem(world, strays, restart));
  const kiosk = await ui.waitForKiosk(() => true);
  if (needsStaff === undefined && kiosk.mode === 'outOfService') {
    problems.push(`kiosk out of service: ${kiosk.reason ?? '?'}`);
  }
  if (needsStaff !== undefined && entry.needsStaffInService && kiosk.mode !== 'inService') {
    problems.push(
      `a staff act left for the next visit, but the kiosk is ${kiosk.mode} (${kiosk.reason ?? '-'})`,
    );
  }
  if (
    needsStaff !== undefined &&
    !entry.needsStaffInService &&
    (kiosk.mode !== 'outOfService' || kiosk.reason !== 'SELF_TEST_FAILED')
  ) {
    problems.push(`recovery needs staff but the kiosk is ${kiosk.mode} (${kiosk.reason ?? '-'})`);
  }
  return { problems, needsStaff, strays };
}

/**
 * Drives the entry in a running daemon until the daemon dies, or 10 s after the drive ended (a point
 * the daemon reaches after the resident's last screen may come late on a loaded machine). The grace
 * is called off as soon as the daemon has died: a timer left running outlived the last point's
 * checks and kept Jest from exiting after the suite.
 */
async function driveUntilKilled(
  entry: JourneyEntry,
  world: World,
  daemon: DaemonProcess,
  ui: UiClient,
): Promise<{ killed: boolean; driveError: string | undefined }> {
  const driving = entry.drive(world, ui).then(
    () => undefined,
    (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0],
  );
  const grace = new AbortController();
  const ended = await Promise.race([
    daemon.ended,
    driving.then(() => sleep(10_000, undefined, { signal: grace.signal }).catch(() => undefined)),
  ]);
  grace.abort();
  ui.close();
  return { killed: ended?.signal === 'SIGKILL', driveError: await driving };
}

/**
 * The worlds of one chain, each opened (its host process started, its journal made) while the chain
 * still runs in the one before, so a fresh world is there when it is needed; a world opened ahead
 * and never taken is disposed with the chain. Opening a world was a wait of its own at every fresh
 * world (a card issued: one a point) and at the start of every chain, after the reference run.
 */
export class WorldsAhead {
  #next: Promise<LiveWorld> | undefined;

  constructor(private readonly open: () => Promise<LiveWorld>) {}

  /** starts opening the next world, unless one is opening already */
  openAhead(): void {
    if (this.#next) return;
    const next = this.open();
    next.catch(() => undefined); // its failure is thrown where the world is taken or disposed
    this.#next = next;
  }

  /** the world opened ahead, else one opened now */
  take(): Promise<LiveWorld> {
    const next = this.#next ?? this.open();
    this.#next = undefined;
    return next;
  }

  /** the world opened ahead and not taken, disposed */
  async dispose(): Promise<void> {
    const next = this.#next;
    this.#next = undefined;
    await (await next)?.dispose();
  }
}

/**
 * Runs `points` one after the other on one kiosk: each start recovers the previous point's kill,
 * is checked, and arms the next point. Returns one row per point.
 */
export async function runChain(
  entry: JourneyEntry,
  worlds: WorldsAhead,
  points: readonly string[],
): Promise<Row[]> {
  const rows: Row[] = [];
  // a world left for a fresh one is disposed meanwhile (its daemon stopped); all awaited at the end
  const disposing: Promise<void>[] = [];
  const dispose = (w: LiveWorld) => {
    const done = w.dispose();
    done.catch(() => undefined); // its failure is thrown at the end
    disposing.push(done);
  };
  let running: { daemon: DaemonProcess; ui: UiClient } | undefined;
  const start = async (world: LiveWorld, point: string | undefined) => {
    const at = Date.now();
    const launch = (armed: string | undefined) =>
      startDaemon(
        armed ? [...world.args, '--set', `journal.crashAt=${armed}`] : [...world.args],
        daemonStart(world.dir),
      );
    let daemon: DaemonProcess;
    let recoveryKilled = false;
    try {
      daemon = await launch(point);
    } catch (e) {
      // the armed step is one recovery itself journals (a PIN outcome sent again at boot): the
      // power went inside recovery. The next start, unarmed, must recover both; the point is armed
      // again once nothing is left owed, for the journey's own step.
      const said = e instanceof Error ? e.message.split('\n') : [];
      if (!point || !said.includes(`kiosk-daemon: kill harness point ${point}`)) throw e;
      recoveryKilled = true;
      daemon = await launch(undefined);
    }
    const ui = new UiClient(daemon.url);
    running = { daemon, ui };
    await ui.connected();
    return { daemon, ui, at, recoveryKilled };
  };
  const stopCleanly = async (point: string) => {
    running?.ui.close();
    const code = await running?.daemon.stop();
    running = undefined;
    if (code !== 0) rows.push({ point, outcome: `exit ${code}`, problems: ['unclean stop'] });
  };
  let world: LiveWorld | undefined;
  try {
    world = await worlds.take();
    // an entry whose resident is used up (a card made) needs a fresh world after most points
    if (entry.canDriveAgain) worlds.openAhead();
    let fresh = true;
    let previous: { point: string; transactionId: string; killedSaid: readonly string[] } | undefined;
    for (const point of [...points, undefined]) {
      const started = await start(world, point);
      let { daemon, ui } = started;
      if (previous) {
        const restart = { at: started.at, killedSaid: previous.killedSaid, restartedSaid: daemon.output };
        const kiosk = await kioskInvariants(entry, world, ui, previous.transactionId, restart);
        const live = (await entry.liveInvariants?.(world, ui, kiosk.needsStaff !== undefined)) ?? [];
        const outcome = await entry.outcome(world, previous.transactionId);
        const cut = started.recoveryKilled ? `recovery killed at ${point ?? '?'} and recovered again; ` : '';
        rows.push({
          point: previous.point,
          outcome:
            cut +
            (kiosk.needsStaff
              ? `${entry.needsStaffInService ? 'in service, left for the next staff visit' : 'OUT OF SERVICE, staff alerted'} (${kiosk.needsStaff}); ${outcome}`
              : outcome),
          problems: [
            ...kiosk.problems,
            ...live,
            ...(await entry.invariants(world)),
            ...(kiosk.strays.length > 0 ? [await strayFate(world, kiosk.strays, restart)] : []),
          ],
        });
        // a kiosk waiting for staff, or a resident with nothing left to make here: a fresh world
        const goOn =
          kiosk.needsStaff === undefined && (!entry.canDriveAgain || (await entry.canDriveAgain(world)));
        if (point !== undefined && !goOn) {
          await stopCleanly(`stop after ${previous.point}`);
          dispose(world);
          world = undefined;
          world = await worlds.take();
          worlds.openAhead();
          fresh = true;
          ({ daemon, ui } = await start(world, point));
        } else if (point !== undefined && started.recoveryKilled) {
          await stopCleanly(`stop after ${previous.point}, to arm ${point}`);
          ({ daemon, ui } = await start(world, point));
        }
      }
      if (point === undefined) break;
      if (fresh) await entry.prepare?.(world, ui);
      fresh = false;
      const { killed, driveError } = await driveUntilKilled(entry, world, daemon, ui);
      running = undefined;
      if (!killed) {
        const why = driveError ? ` (the drive: ${driveError})` : '';
        rows.push({
          point,
          outcome: `the daemon did not die here${why}`,
          problems: ['kill point not reached'],
        });
        await daemon.stop('SIGKILL');
        previous = undefined;
        continue;
      }
      const transactionId = await lastTransaction(world.journal, entry.journey);
      if (transactionId === undefined) {
        rows.push({ point, outcome: 'no transaction journaled', problems: ['kill point not reached'] });
        previous = undefined;
        continue;
      }
      previous = { point, transactionId, killedSaid: daemon.output };
    }
    await stopCleanly('final stop');
  } finally {
    running?.ui.close();
    await running?.daemon.stop('SIGKILL');
    if (world) dispose(world);
    disposing.push(worlds.dispose());
    await Promise.allSettled(disposing);
  }
  // a world not disposed (a host that did not stop, a database not dropped) fails the chain
  await Promise.all(disposing);
  return rows;
}
