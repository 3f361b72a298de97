/**
 * What the kill harness says about a transaction left open after a recovery (see
 * kill-harness-chain.ts), so that a failure seen once on a loaded machine can be read from its
 * message: which transaction, how far it got and what recovery wrote into it, whether the killed
 * daemon left it or the restarted one opened it (`strayProblem`, at the check); whether it closed by
 * itself later (a wait still under way at the check) or stayed open, and what both daemons logged
 * (`strayFate`, after the row's outcome and invariants are read). None of it decides the row: the
 * check is the same with or without it, and the watch runs only for a row that fails already.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { World } from './kill-harness-world.js';

/** The restart whose check found transactions open: when it began, and both daemons' output. */
export interface Restart {
  /** when the restarted daemon was started (ms since the epoch) */
  readonly at: number;
  /** the killed daemon's output lines (its kill line among them) */
  readonly killedSaid: readonly string[];
  /** the restarted daemon's output lines so far */
  readonly restartedSaid: readonly string[];
}

/** how long a stray is watched for closing by itself: the test profile's take timeout and a margin */
const WATCH_MS = 40_000;
const POLL_MS = 250;

/** Steps whose detail is shown in the message: recovery's own (where it found the card, what it decided). */
const SHOWN_DETAIL = /^recovery\./;

export interface OpenTransaction {
  readonly id: string;
  readonly journey: string;
}

/** One stray, named: journey, id, when it was opened against the restart, its steps. */
async function described(world: World, t: OpenTransaction, restart: Restart): Promise<string> {
  const [row] = await world.journal.all<{ startedAt: string }>(
    `SELECT "startedAt" FROM "journal_transaction" WHERE "id" = $1`,
    t.id,
  );
  const openedMs = row ? Date.parse(row.startedAt) - restart.at : NaN;
  const opened = Number.isNaN(openedMs)
    ? 'opened at an unknown time'
    : openedMs >= 0
      ? `opened by the restarted daemon ${openedMs} ms after its start`
      : 'left open by the killed daemon';
  const steps = await world.journal.all<{ step: string; phase: string; detail: string | null }>(
    `SELECT "step", "phase", "detail" FROM "journal_step" WHERE "transactionId" = $1 ORDER BY "seq"`,
    t.id,
  );
  const named = steps.map(
    (s) => `${s.step}:${s.phase}${SHOWN_DETAIL.test(s.step) && s.detail ? ` ${s.detail}` : ''}`,
  );
  return `${t.journey} ${t.id} (${opened}) [${named.join(', ')}]`;
}

/**
 * Watches the strays until each is closed or `WATCH_MS` from the restart have passed: a wait of
 * the restarted daemon still under way at the check (a card at the slot, its take timeout) closes
 * by itself, a transaction left open for good does not.
 */
async function laterOf(world: World, ids: readonly string[], restart: Restart): Promise<string> {
  const closedAt = new Map<string, number>();
  while (closedAt.size < ids.length && Date.now() - restart.at < WATCH_MS) {
    for (const id of ids.filter((i) => !closedAt.has(i))) {
      const [row] = await world.journal.all<{ status: string; outcome: string | null }>(
        `SELECT "status", "outcome" FROM "journal_transaction" WHERE "id" = $1`,
        id,
      );
      if (row?.status !== 'open') closedAt.set(id, Date.now() - restart.at);
    }
    if (closedAt.size < ids.length) await sleep(POLL_MS);
  }
  return ids
    .map((id) =>
      closedAt.has(id)
        ? `${id} closed by itself ${closedAt.get(id)} ms after the restart`
        : `${id} still open ${Math.round((Date.now() - restart.at) / 1000)} s after the restart`,
    )
    .join('; ');
}

/** The warnings and errors a daemon logged (pino lines, level 40 and up) and the kill line, shortened. */
export function daemonSaid(output: readonly string[], last = 8): string {
  const said = output.flatMap((line) => {
    if (line.startsWith('kiosk-daemon: kill harness point')) return [line.slice('kiosk-daemon: '.length)];
    try {
      const json = JSON.parse(line) as { level?: number; context?: string; msg?: string };
      return (json.level ?? 0) >= 40 ? [`${json.context ?? '-'}: ${json.msg ?? ''}`] : [];
    } catch {
      return [];
    }
  });
  return said.length === 0 ? '(nothing)' : said.slice(-last).join(' | ');
}

/** The problem line for transactions left open after a recovery: each named with its steps and who opened it. */
export async function strayProblem(
  world: World,
  strays: readonly OpenTransaction[],
  restart: Restart,
): Promise<string> {
  const named = await Promise.all(strays.map((t) => described(world, t, restart)));
  return `${strays.length} journal transactions left open: ${named.join('; ')}`;
}

/**
 * What became of them, read after the row's outcome and invariants (which see the kiosk as the
 * check did): closed by themselves or not, and what the killed and the restarted daemon logged.
 */
export async function strayFate(
  world: World,
  strays: readonly OpenTransaction[],
  restart: Restart,
): Promise<string> {
  const later = await laterOf(
    world,
    strays.map((t) => t.id),
    restart,
  );
  return (
    `the transactions left open later: ${later}; ` +
    `the killed daemon said: ${daemonSaid(restart.killedSaid)}; ` +
    `the restarted daemon said: ${daemonSaid(restart.restartedSaid)}`
  );
}
