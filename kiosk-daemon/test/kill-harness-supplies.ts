/**
 * The kill harness's entries for field staff's supply acts (ADR 0022, 3db8006): a visit that runs a
 * test card (a blank into the reject bin, so the bin holds a card), refills the card printer's
 * hopper and empties its reject bin, killed at every journaled step of the refill and the bin
 * emptying, on a printer that counts its own cards and on one that does not (the emulator's
 * `reportsCounters: false`, where only the journal and staff count).
 *
 * After every recovery, across the printer's mechanism file and the journal:
 * - every act is written once or not at all: the blanks put in the hopper are the kiosk's first
 *   blanks plus the `maintenance_supply` refill entries' quantities, the cards taken out of the bin
 *   the bin-emptying entries' (no act logged twice, none logged that did not happen, none that
 *   happened missing), at most one entry per act;
 * - the journal's count of each supply is the printer's (written once, none subtracted or added
 *   twice);
 * - or, where nothing at the kiosk can tell whether the act was done (a supply the device does not
 *   count, cut off before its outcome), the act is left for the next staff visit: no entry, the
 *   journal's count not guessed, the kiosk in service, and staff are shown it
 *   (GET /maintenance/supply-acts-cut-off) at their next log-in; the kiosk then moves a blank
 *   (a test card) before staff answer what they find, and after the answer every count is the
 *   printer's again.
 */
import { DEMO_ENGINEER, maintenanceCall, staffLogIn } from './maintenance-client.js';
import { BLANKS_LOADED, stateFile, WAIT_MS, type JourneyEntry, type World } from './kill-harness-world.js';
import { UNCOUNTED } from './uncounted-bin-kiosk.js';
import type { UiClient } from './ui-client.js';

const LOADED = 5;
const ACTS = ['maintenance.refill', 'maintenance.emptyBin'] as const;
const SUPPLY_OF = { 'maintenance.refill': 'cardHopper', 'maintenance.emptyBin': 'rejectBin' } as const;

interface Printer {
  hopper: number;
  loaded: number;
  rejectBin: number;
  rejected: number;
}

interface SupplyView {
  device: string;
  supply: string;
  count: number | null;
  journalCount: number | null;
}

const printerOf = (world: World) => stateFile<Printer>(world, 'card-printer.json');

async function logIn(ui: UiClient): Promise<string> {
  const login = await staffLogIn(ui.url, ui, DEMO_ENGINEER);
  const token = (login.body as { token?: string } | undefined)?.token;
  if (!token) throw new Error(`staff log-in refused: ${JSON.stringify(login)}`);
  return token;
}

async function call(ui: UiClient, token: string, method: string, path: string, body?: unknown) {
  const answer = await maintenanceCall(ui.url, method, path, { token, body });
  if (answer.status >= 300) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as unknown;
}

/** Staff's visit: a test card, the hopper refilled with LOADED blanks, the bin emptied. */
async function visit(world: World, ui: UiClient): Promise<void> {
  await ui.waitForKiosk((k) => k.mode === 'inService', WAIT_MS);
  const token = await logIn(ui);
  await call(ui, token, 'POST', '/maintenance/test-card');
  const view = (await call(ui, token, 'GET', '/maintenance/view')) as { supplies: SupplyView[] };
  const supply = (name: string) =>
    view.supplies.find((s) => s.device === 'cardPrinter' && s.supply === name)!;
  // what staff count by hand where neither the printer nor the journal counts
  const hopper = supply('cardHopper');
  const bin = supply('rejectBin');
  const inPrinter = printerOf(world);
  await call(ui, token, 'POST', '/maintenance/refill', {
    device: 'cardPrinter',
    supply: 'cardHopper',
    added: LOADED,
    ...(hopper.count === null && { countedBefore: hopper.journalCount ?? inPrinter.hopper }),
  });
  await call(ui, token, 'POST', '/maintenance/empty-bin', {
    device: 'cardPrinter',
    supply: 'rejectBin',
    counted: bin.journalCount ?? bin.count ?? inPrinter.rejectBin,
  });
  await call(ui, token, 'POST', '/maintenance/logout');
  await ui.waitForKiosk((k) => k.mode === 'inService', WAIT_MS);
}

interface Act {
  readonly transactionId: string;
  readonly step: (typeof ACTS)[number];
  /** done, failed, or undefined: cut off before its outcome */
  readonly outcome: string | undefined;
  /** cut off and left for the next staff visit (`recovery.needsStaff` in its visit) */
  readonly leftForStaff: boolean;
}

/** Every refill and bin emptying of every visit, with its outcome. */
async function actsOf(world: World): Promise<Act[]> {
  const rows = await world.journal.all<{ transactionId: string; step: string; phase: string }>(
    `SELECT "transactionId", "step", "phase" FROM "journal_step"
      WHERE "step" IN ('maintenance.refill', 'maintenance.emptyBin') ORDER BY "id"`,
  );
  const acts: { transactionId: string; step: Act['step']; outcome: string | undefined }[] = [];
  const staffAsked = await world.journal.all<{ transactionId: string }>(
    `SELECT "transactionId" FROM "journal_step" WHERE "step" = 'recovery.needsStaff'`,
  );
  const left = new Set(staffAsked.map((r) => r.transactionId));
  for (const r of rows) {
    if (r.phase === 'intent')
      acts.push({ transactionId: r.transactionId, step: r.step as Act['step'], outcome: undefined });
    const open = acts.findLast((a) => a.transactionId === r.transactionId && a.step === r.step && !a.outcome);
    if (open && (r.phase === 'done' || r.phase === 'failed')) open.outcome = r.phase;
  }
  return acts.map((a) => ({ ...a, leftForStaff: a.outcome === undefined && left.has(a.transactionId) }));
}

async function entriesOf(world: World) {
  return world.journal.all<{ transactionId: string; supply: string; quantity: number }>(
    `SELECT "transactionId", "supply", "quantity" FROM "maintenance_supply"
      WHERE "kind" = 'cardPrinter' AND "supply" IN ('cardHopper', 'rejectBin') ORDER BY "id"`,
  );
}

async function journalCounts(world: World): Promise<{ blanks?: number; rejectBin?: number }> {
  const [row] = await world.journal.all<{ counters: string }>(
    `SELECT "counters" FROM "device_counters" WHERE "kind" = 'cardPrinter' ORDER BY "id" DESC LIMIT 1`,
  );
  return row ? (JSON.parse(row.counters) as { blanks?: number; rejectBin?: number }) : {};
}

/** What staff moved by hand that no `maintenance_supply` entry logs: blanks loaded, cards taken out. */
async function unloggedMoves(world: World): Promise<{ cardHopper: number; rejectBin: number }> {
  const printer = printerOf(world);
  const entries = await entriesOf(world);
  const logged = (supply: string) =>
    entries.filter((e) => e.supply === supply).reduce((n, e) => n + e.quantity, 0);
  return {
    cardHopper: printer.loaded - BLANKS_LOADED - logged('cardHopper'),
    rejectBin: printer.rejected - printer.rejectBin - logged('rejectBin'),
  };
}

/** Each act written once or not at all, the journal's counts the printer's, or the act left for staff. */
async function supplyInvariants(world: World): Promise<string[]> {
  const problems: string[] = [];
  const printer = printerOf(world);
  const acts = await actsOf(world);
  const entries = await entriesOf(world);
  const counts = await journalCounts(world);
  const pending = new Set(acts.filter((a) => a.leftForStaff).map((a) => SUPPLY_OF[a.step]));
  for (const act of acts.filter((a) => a.outcome === undefined && !a.leftForStaff)) {
    problems.push(`${act.step} of ${act.transactionId} cut off: neither finished nor left for staff`);
  }
  const unlogged = await unloggedMoves(world);
  const largest = { cardHopper: LOADED, rejectBin: Number.POSITIVE_INFINITY };
  for (const supply of ['cardHopper', 'rejectBin'] as const) {
    const off = unlogged[supply];
    const fine = off === 0 || (pending.has(supply) && off > 0 && off <= largest[supply]);
    if (!fine) problems.push(`${supply}: staff moved ${off} more than the entries log`);
  }
  for (const act of acts) {
    const own = entries.filter(
      (e) => e.transactionId === act.transactionId && e.supply === SUPPLY_OF[act.step],
    );
    if (own.length > 1) problems.push(`${act.step} of ${act.transactionId} logged ${own.length} times`);
  }
  const pairs = [
    ['cardHopper', counts.blanks, printer.hopper],
    ['rejectBin', counts.rejectBin, printer.rejectBin],
  ] as const;
  for (const [supply, journal, inPrinter] of pairs) {
    // a printer without counters: the journal counts what staff first counted; before that, nothing
    if (!pending.has(supply) && journal !== undefined && journal !== inPrinter) {
      problems.push(`the journal counts ${journal} in ${supply}, the printer holds ${inPrinter}`);
    }
  }
  return problems;
}

/**
 * Acts left for staff are the ones shown at the next log-in (and none else). Then, as at a later
 * visit: the kiosk moves a blank while the act waits (a test card: one from the hopper into the
 * bin), and staff answer what they find (done when the printer's mechanism moved as the act said),
 * after which nothing is pending and every count must be the printer's (checked by the invariants).
 */
async function listedForStaff(world: World, ui: UiClient, needsStaff: boolean): Promise<string[]> {
  if (!needsStaff) return [];
  const pending = (await actsOf(world)).filter((a) => a.leftForStaff).map((a) => SUPPLY_OF[a.step]);
  await ui.waitForKiosk((k) => k.mode === 'inService', WAIT_MS);
  const token = await logIn(ui);
  const listed = (await call(ui, token, 'GET', '/maintenance/supply-acts-cut-off')) as {
    transactionId: string;
    supply: 'cardHopper' | 'rejectBin';
  }[];
  const shown = listed.map((a) => a.supply).sort();
  if (JSON.stringify(shown) !== JSON.stringify(pending.sort())) {
    await call(ui, token, 'POST', '/maintenance/logout');
    return [
      `staff are shown ${JSON.stringify(shown)} cut off, the journal leaves ${JSON.stringify(pending)} undecided`,
    ];
  }
  // what staff find, read before the kiosk moves anything: the act's load or emptying unlogged
  const unlogged = await unloggedMoves(world);
  await call(ui, token, 'POST', '/maintenance/test-card');
  for (const act of listed) {
    const verdict = unlogged[act.supply] > 0 ? 'done' : 'notDone';
    await call(ui, token, 'POST', '/maintenance/settle-supply-act', {
      transactionId: act.transactionId,
      verdict,
    });
  }
  await call(ui, token, 'POST', '/maintenance/logout');
  await ui.waitForKiosk((k) => k.mode === 'inService', WAIT_MS);
  return [];
}

async function supplyOutcome(world: World, transactionId: string): Promise<string> {
  const acts = (await actsOf(world)).filter((a) => a.transactionId === transactionId);
  const entries = (await entriesOf(world)).filter((e) => e.transactionId === transactionId);
  const printer = printerOf(world);
  const counts = await journalCounts(world);
  const said = ACTS.map((step) => {
    const act = acts.find((a) => a.step === step);
    const logged = entries.filter((e) => e.supply === SUPPLY_OF[step]).length;
    const outcome = act ? (act.outcome ?? (act.leftForStaff ? 'left for staff' : 'cut off')) : 'not begun';
    return `${step.replace('maintenance.', '')} ${outcome}, ${logged} logged`;
  });
  return `${said.join('; ')} → hopper ${printer.hopper} (journal ${counts.blanks ?? '-'}), bin ${printer.rejectBin} (journal ${counts.rejectBin ?? '-'})`;
}

const KILLED = /^(before|after):maintenance\.(refill|emptyBin):/;

export const suppliesCounted: JourneyEntry = {
  name: 'staff refill and bin emptying, printer counting its cards',
  journey: 'maintenance',
  group: 'supplies, counted',
  residents: ['wang', 'wang'],
  only: (p) => KILLED.test(p),
  needsStaffInService: true,
  drive: visit,
  invariants: supplyInvariants,
  liveInvariants: listedForStaff,
  outcome: supplyOutcome,
};

export const suppliesUncounted: JourneyEntry = {
  ...suppliesCounted,
  name: 'staff refill and bin emptying, printer without counters',
  group: 'supplies, uncounted',
  args: UNCOUNTED,
};
