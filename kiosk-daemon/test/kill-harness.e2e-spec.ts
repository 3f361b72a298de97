/**
 * Proof by killing (issue 9): the real daemon runs as a child process on a real SQLite journal
 * file with the emulated dispenser's mechanism kept in a file beside it (notes stay where they
 * were when the process dies, as real notes do), against the host simulator in a process of its
 * own (the back office outlives the kiosk). A reference run journals a journey's steps; then, for
 * every journaled step, the daemon is started with `journal.crashAt` so that it SIGKILLs itself
 * right AFTER journaling that step, and for every `done`/`failed` step right BEFORE journaling it
 * (the act between an intent and its outcome happened, the journal does not know yet). Between a
 * `done` and the next step nothing acts, so that gap is the `after:` point of the `done`.
 *
 * Each start recovers the previous kill; the invariants are checked after every recovery, across
 * the host's ledger (through its API), the journal file and the dispenser's counters: nothing held
 * at the host, what the host paid equals the notes that left the machine, the balance moved by
 * exactly what was paid, no transaction left open, the kiosk back in service. A table of step ×
 * outcome is printed. Points are chained (the start that recovers point k arms point k+1), so the
 * run costs one daemon start per point.
 *
 * A journey is one entry of JOURNEYS: how the resident drives it and what counts as its money or
 * cards. Issuance and replacement come as entries when those journeys land.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon, startHostProcess, type DaemonProcess, type HostClient } from './daemon-process.js';
import { UiClient } from './ui-client.js';

const NOTE_FEN = 10_000;
const NOTES_LOADED = 300;
const AMOUNT_FEN = 10_000;

interface HostWithdrawal {
  transactionSerial: string;
  status: string;
  amountFen: number;
  heldFen: number;
  paidFen: number;
  reversedFen: number;
}

/** What one harness world holds: the folder of the kiosk's files, the host, the daemon now running. */
interface World {
  readonly dir: string;
  /** the host process, spoken to as this world's kiosk */
  readonly host: HostClient;
  readonly journalPath: string;
  /** the demo resident whose card, PIN, ID card and account this world uses */
  readonly resident: (typeof DEMO_RESIDENTS)[number];
}

interface JourneyEntry {
  /** how the table names this entry */
  readonly name: string;
  /** the journey the transaction runs (`journal_transaction.journey`) */
  readonly journey: string;
  /** configuration this entry needs on top of the harness's own (`--set` pairs) */
  readonly args?: readonly string[];
  /** the resident's whole journey; rejects when the daemon goes away */
  drive(world: World, ui: UiClient): Promise<void>;
  /** violated invariants of this journey's goods (money, cards) after a recovery */
  invariants(world: World): Promise<string[]>;
  /** one cell of the table: what recovery made of the transaction */
  outcome(world: World, transactionId: string): Promise<string>;
}

function readJournal<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function dispenserNotes(dir: string): {
  inMachine: number;
  cassettes: number;
  presenter: number;
  retractBin: number;
} {
  const state = JSON.parse(readFileSync(join(dir, 'cash-dispenser.json'), 'utf8')) as {
    cassettes: { count: number }[];
    rejectBin: number;
    retractBin: number;
    presenter: { notes: { count: number }[] };
  };
  const cassettes = state.cassettes.reduce((n, c) => n + c.count, 0);
  const presenter = state.presenter.notes.reduce((n, c) => n + c.count, 0);
  return {
    inMachine: cassettes + presenter + state.rejectBin + state.retractBin,
    cassettes,
    presenter,
    retractBin: state.retractBin,
  };
}

/** Card, PIN, ID card and face, then the amount, up to the notes waiting at the slot. */
async function withdrawUpToTheSlot({ resident }: World, ui: UiClient): Promise<void> {
  await ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'));
  await ui.startWithCardAndPin('withdraw', resident.key, resident.cardPin);
  await ui.waitForSession((v) => v?.step === 'placeIdCard');
  await ui.emit('demo.idCard', { action: 'place', idCardId: resident.key });
  await ui.waitForSession((v) => v?.step === 'chooseAmount' && v.details?.kind === 'withdraw');
  await ui.emit('session.amount', { amountFen: AMOUNT_FEN });
  await ui.waitForDemo((d) => d.cash?.atSlot === true);
}

/** From the journey's last screen: finish, take the card back, take the ID card away. */
async function leaveWithTheCard(ui: UiClient): Promise<void> {
  await ui.emit('session.command', { command: 'finish' });
  await ui.waitForSession((v) => v?.step === 'takeCard');
  await ui.emit('demo.card', { action: 'take' });
  await ui.waitForSession((v) => v?.step === 'ended');
  await ui.emit('demo.idCard', { action: 'remove' });
}

const withdrawal: JourneyEntry = {
  name: 'withdrawal, cash taken',
  journey: 'withdraw',
  async drive(world, ui) {
    await withdrawUpToTheSlot(world, ui);
    await ui.emit('demo.cash', { action: 'take' });
    await ui.waitForSession((v) => v?.step === 'cashWithdrawn' || v?.step === 'chooseJourney');
    if (ui.session?.step === 'cashWithdrawn') {
      await ui.emit('session.command', { command: 'finish' });
      await ui.waitForSession((v) => v?.step === 'chooseJourney');
    }
    await leaveWithTheCard(ui);
  },
  async invariants({ dir, host, resident, journalPath }) {
    const problems: string[] = [];
    const { withdrawals } = await host.request<{ withdrawals: HostWithdrawal[] }>(
      'GET',
      '/v1/withdrawals?limit=500',
    );
    let paidFen = 0;
    for (const w of withdrawals) {
      if (w.heldFen > 0) problems.push(`${w.transactionSerial}: ${w.heldFen} fen still held at the host`);
      if (w.paidFen + w.reversedFen + w.heldFen !== w.amountFen) {
        problems.push(`${w.transactionSerial}: paid + reversed + held ≠ authorised`);
      }
      paidFen += w.paidFen;
    }
    if (new Set(withdrawals.map((w) => w.transactionSerial)).size !== withdrawals.length) {
      problems.push('two host withdrawals under one serial');
    }
    const notes = dispenserNotes(dir);
    const outFen = (NOTES_LOADED - notes.inMachine) * NOTE_FEN;
    if (outFen !== paidFen) {
      problems.push(`the host paid ${paidFen} fen, ${outFen} fen in notes left the machine`);
    }
    if (notes.presenter > 0) problems.push(`${notes.presenter} notes left in the presenter`);
    // the journal's device counters, reconciled at boot, say what the dispenser holds
    const counted = readJournal(journalPath, (db) =>
      db
        .prepare(`SELECT counters FROM device_counters WHERE kind = 'cashDispenser' ORDER BY id DESC LIMIT 1`)
        .get(),
    ) as { counters: string } | undefined;
    const counters = counted
      ? (JSON.parse(counted.counters) as { cassettes?: { notes: number }[]; retractBin?: number })
      : undefined;
    const countedNotes = counters?.cassettes?.reduce((n, c) => n + c.notes, 0);
    if (countedNotes !== notes.cassettes || counters?.retractBin !== notes.retractBin) {
      problems.push(
        `journal counters ${countedNotes ?? '-'} notes / retract bin ${counters?.retractBin ?? '-'}, dispenser ${notes.cassettes} / ${notes.retractBin}`,
      );
    }
    const balance = await host.request<{ balanceFen: number }>('POST', '/v1/accounts/balance', {
      cardNumber: resident.cardNumber,
      idNumber: resident.idNumber,
    });
    if (balance.balanceFen !== resident.balanceFen - paidFen) {
      problems.push(`balance ${balance.balanceFen}, expected ${resident.balanceFen - paidFen}`);
    }
    return problems;
  },
  async outcome({ host, journalPath }, transactionId) {
    const decided = readJournal(journalPath, (db) =>
      db
        .prepare(
          `SELECT detail FROM journal_step WHERE transactionId = ? AND step = 'recovery.withdrawal' ORDER BY seq DESC`,
        )
        .get(transactionId),
    ) as { detail: string } | undefined;
    const action = decided ? (JSON.parse(decided.detail) as { action: string }).action : 'no recovery';
    const retracted = readJournal(journalPath, (db) =>
      db
        .prepare(
          `SELECT 1 FROM journal_step WHERE transactionId = ? AND step = 'recovery.cash.retract' AND phase = 'done'`,
        )
        .get(transactionId),
    );
    const { withdrawals } = await host.request<{ withdrawals: HostWithdrawal[] }>(
      'GET',
      `/v1/withdrawals?transactionSerial=${transactionId}`,
    );
    const w = withdrawals[0];
    return `${action}${retracted ? ' (notes retracted)' : ''} → ${w ? `${w.status} (paid ${w.paidFen / 100}, reversed ${w.reversedFen / 100})` : 'nothing at host'}`;
  },
};

/** The resident walks away from the cash: the notes are retracted and the hold reversed. */
const withdrawalNotTaken: JourneyEntry = {
  ...withdrawal,
  name: 'withdrawal, cash not taken',
  args: ['--set', 'timeouts.cashTakeMs=1500'],
  async drive(world, ui) {
    await withdrawUpToTheSlot(world, ui);
    await ui.waitForDemo((d) => d.cash?.atSlot === false, 15_000);
    // a journey that failed (CASH_NOT_TAKEN) gives the card back at once
    await ui.waitForSession((v) => v?.step === 'takeCard', 15_000);
    await ui.emit('demo.card', { action: 'take' });
    await ui.waitForSession((v) => v?.step === 'ended');
    await ui.emit('demo.idCard', { action: 'remove' });
  },
};

/**
 * One entry per journey and path. An entry's kill points are the steps of its reference run that
 * an earlier entry has not killed at already (the not-taken path adds the retract and the reversal).
 */
const JOURNEYS: readonly JourneyEntry[] = [withdrawal, withdrawalNotTaken];
const killedAlready = new Set<string>();

/** Every journal write the point list is built from, and the kiosk-wide invariants. */
function stepsOf(journalPath: string, transactionId: string): string[] {
  return readJournal(journalPath, (db) =>
    (
      db
        .prepare(`SELECT step || ':' || phase AS s FROM journal_step WHERE transactionId = ? ORDER BY seq`)
        .all(transactionId) as { s: string }[]
    ).map((r) => r.s),
  );
}

function lastTransaction(journalPath: string, journey: string): string {
  return readJournal(
    journalPath,
    (db) =>
      (
        db
          .prepare(`SELECT id FROM journal_transaction WHERE journey = ? ORDER BY serial DESC LIMIT 1`)
          .get(journey) as { id: string }
      ).id,
  );
}

async function kioskInvariants(world: World, ui: UiClient): Promise<string[]> {
  const problems: string[] = [];
  const open = readJournal(world.journalPath, (db) =>
    db.prepare(`SELECT id FROM journal_transaction WHERE status = 'open'`).all(),
  );
  if (open.length > 0) problems.push(`${open.length} journal transactions left open`);
  const kiosk = await ui.waitForKiosk(() => true);
  if (kiosk.mode === 'outOfService') problems.push(`kiosk out of service: ${kiosk.reason ?? '?'}`);
  return problems;
}

/**
 * The points to kill at: after every step; before every outcome (inside its act); and before every
 * event once money may be held (the resident's own acts, taking the cash, are journaled as events).
 */
function killPoints(steps: readonly string[]): string[] {
  const firstIntent = steps.findIndex((s) => s.endsWith(':intent'));
  return steps.flatMap((s, i) => [
    ...(s.endsWith(':done') ||
    s.endsWith(':failed') ||
    (s.endsWith(':event') && firstIntent >= 0 && i > firstIntent)
      ? [`before:${s}`]
      : []),
    `after:${s}`,
  ]);
}

/** One chain of kill points: its own kiosk (id, files, resident), sharing the host process. */
interface Chain extends World {
  readonly kioskId: string;
  readonly args: readonly string[];
}

interface Row {
  readonly point: string;
  readonly outcome: string;
  readonly problems: readonly string[];
}

/**
 * Runs `points` one after the other on one kiosk: each start recovers the previous point's kill,
 * is checked, and arms the next point. Returns one row per point.
 */
async function runChain(entry: JourneyEntry, chain: Chain, points: readonly string[]): Promise<Row[]> {
  const rows: Row[] = [];
  let running: { daemon: DaemonProcess; ui: UiClient } | undefined;
  try {
    let previous: { point: string; transactionId: string } | undefined;
    for (const point of [...points, undefined]) {
      const daemon = await startDaemon(
        point ? [...chain.args, '--set', `journal.crashAt=${point}`] : [...chain.args],
        { dir: chain.dir },
      );
      const ui = new UiClient(daemon.url);
      running = { daemon, ui };
      await ui.connected();
      if (previous) {
        rows.push({
          point: previous.point,
          outcome: await entry.outcome(chain, previous.transactionId),
          problems: [...(await kioskInvariants(chain, ui)), ...(await entry.invariants(chain))],
        });
      }
      if (point === undefined) break;
      const driving = entry.drive(chain, ui).then(
        () => true,
        () => false,
      );
      // the kill ends the drive (the UI loses the daemon); a drive that ends first gets 3 s more
      const ended = await Promise.race([
        daemon.ended,
        driving.then(() =>
          Promise.race([daemon.ended, new Promise<undefined>((r) => setTimeout(() => r(undefined), 3_000))]),
        ),
      ]);
      ui.close();
      await driving;
      if (ended?.signal !== 'SIGKILL') {
        rows.push({ point, outcome: 'the daemon did not die here', problems: ['kill point not reached'] });
        await daemon.stop('SIGKILL');
        running = undefined;
        previous = undefined;
        continue;
      }
      running = undefined;
      previous = { point, transactionId: lastTransaction(chain.journalPath, entry.journey) };
    }
    running?.ui.close();
    const code = await running?.daemon.stop();
    running = undefined;
    if (code !== 0) rows.push({ point: 'final stop', outcome: `exit ${code}`, problems: ['unclean stop'] });
  } finally {
    running?.ui.close();
    await running?.daemon.stop('SIGKILL');
  }
  return rows;
}

const RULES = { dailyWithdrawalCount: 1000, dailyWithdrawalCapFen: 100_000_000, retractionsToBlock: 1000 };
/** two chains side by side (two kiosks, two residents), so the points take half the time */
const CHAINS = [
  { kioskId: 'JZ-9001', resident: 'li' },
  { kioskId: 'JZ-9002', resident: 'zhang' },
] as const;
const keyOf = (kioskId: string) => `test-kiosk-key-${kioskId}-not-secret`;

describe('kill harness: SIGKILL at every journaled step, restart, nothing paid twice or lost', () => {
  for (const entry of JOURNEYS) {
    it(`${entry.name}: every kill point recovers to a consistent ledger, journal and dispenser`, async () => {
      const started = Date.now();
      const host = await startHostProcess({
        kiosks: Object.fromEntries(CHAINS.map((c) => [c.kioskId, keyOf(c.kioskId)])),
        rules: RULES,
      });
      const chains: Chain[] = CHAINS.map((c) => {
        const dir = mkdtempSync(join(tmpdir(), 'kiosk-kill-'));
        return {
          dir,
          host: host.as(c.kioskId, keyOf(c.kioskId)),
          journalPath: join(dir, 'journal.sqlite'),
          resident: DEMO_RESIDENTS.find((r) => r.key === c.resident)!,
          kioskId: c.kioskId,
          args: [
            ...['--set', 'demo.panel=true', '--set', `kiosk.id=${c.kioskId}`],
            ...['--set', 'host.mode=external', '--set', `host.url=${host.url}`],
            ...['--set', `host.kioskKey=${keyOf(c.kioskId)}`],
            ...['--set', 'caps.withdrawalsPerDay=1000', '--set', 'caps.dailyWithdrawalFen=100000000'],
            '--set',
            `devices.cashDispenser.cassettes=[{denominationFen: ${NOTE_FEN}, count: ${NOTES_LOADED}}]`,
            ...(entry.args ?? []),
          ],
        };
      });
      let rows: Row[] = [];
      try {
        // the reference run: the steps this journey journals when nothing goes wrong
        const first = chains[0]!;
        const daemon = await startDaemon([...first.args], { dir: first.dir });
        const ui = new UiClient(daemon.url);
        try {
          await ui.connected();
          await entry.drive(first, ui);
        } finally {
          ui.close();
          expect(await daemon.stop()).toBe(0);
        }
        const steps = stepsOf(first.journalPath, lastTransaction(first.journalPath, entry.journey));
        expect(await entry.invariants(first)).toEqual([]);
        const points = killPoints(steps).filter((p) => !killedAlready.has(`${entry.journey}/${p}`));
        for (const p of points) killedAlready.add(`${entry.journey}/${p}`);
        const perChain = await Promise.all(
          chains.map((chain, c) =>
            runChain(
              entry,
              chain,
              points.filter((_, i) => i % chains.length === c),
            ),
          ),
        );
        rows = points.map((point) => perChain.flat().find((r) => r.point === point)!);
        rows.push(...perChain.flat().filter((r) => !points.includes(r.point)));
      } finally {
        await host.stop();
        for (const chain of chains) rmSync(chain.dir, { recursive: true, force: true });
      }
      const width = Math.max(...rows.map((r) => r.point.length));
      const table = rows
        .map((r) => `${r.point.padEnd(width)}  ${r.problems.length === 0 ? 'ok  ' : 'FAIL'}  ${r.outcome}`)
        .join('\n');
      process.stdout.write(
        `\nkill harness, ${entry.name}: ${rows.length} kill points on ${chains.length} kiosks in ${Math.round((Date.now() - started) / 1000)} s\n${table}\n`,
      );
      expect(
        rows.filter((r) => r.problems.length > 0).map((r) => `${r.point}: ${r.problems.join('; ')}`),
      ).toEqual([]);
      expect(rows.length).toBeGreaterThan(3);
    }, 240_000);
  }
});
