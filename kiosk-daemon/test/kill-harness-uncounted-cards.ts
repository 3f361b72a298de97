/**
 * The kill harness's card-making entries on a card printer that does not count its own cards (a
 * model without card counters: the emulator's `reportsCounters: false`, 34e9a6b), where the journal
 * keeps the hopper's and the reject bin's counts (ADR 0008; `journeys/blank-steps.ts`): a blank
 * fed sets the journal's hopper one down, a blank rejected or pulled back its bin one up, each once
 * across a restart.
 *
 * A lean subset: the points of card making where a blank moves or sits inside (the points before
 * the feed touch no blank, and the printer's model changes nothing there; the counting printer's
 * entries kill them), each once: the feed, the blank inside (chip and print), at the slot, taken
 * and reported; pulled back from the slot; rejected after its chip failed. Each fresh kiosk is
 * first readied by field staff as on such a model: they count the blanks in the hopper (the printer
 * shows no count), load some, and empty the bin, so the journal holds both counts.
 *
 * After every recovery, beside the card entries' own checks (kill-harness-card-checks.ts: the printer's
 * mechanism, the journal's counts against it, the chips, the host's cards), staff read the card
 * blanks' reconciliation (GET /maintenance/reconciliation) as they would at the next visit: loaded
 * = issued + spoiled + remaining, nothing missing, difference 0. A card gone from the slot during
 * its retract is one no count on such a printer can place (the bin is not counted): recovery leaves
 * that card making to staff, and the supervisor answers what the mechanism shows before the
 * reconciliation is read.
 */
import { BLANKS_LOADED, stateFile, WAIT_MS, type JourneyEntry, type World } from './kill-harness-world.js';
import { newCardChipFails, newCardNotTaken, newCardTaken } from './kill-harness-cards.js';
import { DEMO_ENGINEER, DEMO_SUPERVISOR, maintenanceCall, staffLogIn } from './maintenance-client.js';
import { UNCOUNTED } from './uncounted-bin-kiosk.js';
import type { UiClient } from './ui-client.js';

/** blanks field staff load on top of those counted in the hopper: the kiosk then holds BLANKS_LOADED */
const STAFF_LOAD = 5;
/** since when staff read the reconciliation: before any world of the run */
const SINCE = new Date(Date.now() - 60_000).toISOString();

async function staffVisit<T>(
  ui: UiClient,
  work: (token: string) => Promise<T>,
  staff = DEMO_ENGINEER,
): Promise<T> {
  const login = await staffLogIn(ui.url, ui, staff);
  const token = (login.body as { token?: string } | undefined)?.token;
  if (!token) throw new Error(`staff log-in refused: ${JSON.stringify(login)}`);
  try {
    return await work(token);
  } finally {
    await maintenanceCall(ui.url, 'POST', '/maintenance/logout', { token });
  }
}

/** Field staff ready a fresh kiosk: count the hopper, load STAFF_LOAD, empty the (empty) bin. */
async function countLoadAndEmpty(_world: World, ui: UiClient): Promise<void> {
  await ui.waitForKiosk((k) => k.mode === 'inService', WAIT_MS);
  await staffVisit(ui, async (token) => {
    const acts = [
      [
        '/maintenance/refill',
        { supply: 'cardHopper', added: STAFF_LOAD, countedBefore: BLANKS_LOADED - STAFF_LOAD },
      ],
      ['/maintenance/empty-bin', { supply: 'rejectBin', counted: 0 }],
    ] as const;
    for (const [path, body] of acts) {
      const done = await maintenanceCall(ui.url, 'POST', path, {
        token,
        body: { device: 'cardPrinter', ...body },
      });
      if (done.status !== 200) throw new Error(`${path} refused: ${JSON.stringify(done.body)}`);
    }
  });
  await ui.waitForKiosk((k) => k.mode === 'inService', WAIT_MS);
}

/**
 * A card making recovery left to staff (a card gone from the slot during its retract): the
 * supervisor looks and answers what the mechanism shows (the card in the reject bin: the printer
 * holds one more there than the journal counts; else taken), so the reconciliation after it is
 * read on every blank again.
 */
async function supervisorSettles(world: World, ui: UiClient): Promise<void> {
  const [open] = await world.journal.all<{ id: string }>(
    `SELECT "id" FROM "journal_transaction" WHERE "status" = 'open' AND "journey" = 'issueCard'`,
  );
  if (!open) throw new Error('recovery left a card making to staff, none is open');
  const printer = stateFile<{ rejectBin: number }>(world, 'card-printer.json');
  const [row] = await world.journal.all<{ counters: string }>(
    `SELECT "counters" FROM "device_counters" WHERE "kind" = 'cardPrinter' ORDER BY "id" DESC LIMIT 1`,
  );
  const journalBin = row ? (JSON.parse(row.counters) as { rejectBin?: number }).rejectBin : undefined;
  const card = printer.rejectBin === (journalBin ?? 0) + 1 ? 'inRejectBin' : 'taken';
  await staffVisit(
    ui,
    async (token) => {
      const settled = await maintenanceCall(ui.url, 'POST', '/maintenance/settle-card-making', {
        token,
        body: { transactionId: open.id, card },
      });
      if (settled.status !== 200) throw new Error(`settle-card-making: ${JSON.stringify(settled.body)}`);
    },
    DEMO_SUPERVISOR,
  );
}

/** The card blanks' reconciliation as staff read it after the restart: every blank accounted for. */
async function blanksReconcile(world: World, ui: UiClient, needsStaff: boolean): Promise<string[]> {
  if (needsStaff) await supervisorSettles(world, ui);
  await ui.waitForKiosk((k) => k.mode === 'inService', WAIT_MS);
  const blanks = await staffVisit(ui, async (token) => {
    const report = await maintenanceCall(
      ui.url,
      'GET',
      `/maintenance/reconciliation?since=${encodeURIComponent(SINCE)}`,
      { token },
    );
    return report.body?.cardBlanks as Record<string, number | boolean> | undefined;
  });
  // back in service for the next drive
  await ui.waitForKiosk((k) => k.mode === 'inService', WAIT_MS);
  const printer = stateFile<{ hopper: number; issued: number; rejected: number }>(world, 'card-printer.json');
  const expected = {
    hopperBefore: BLANKS_LOADED - STAFF_LOAD,
    loaded: STAFF_LOAD,
    issued: printer.issued,
    spoiled: printer.rejected,
    missing: 0,
    remaining: printer.hopper,
    difference: 0,
    reconciles: true,
  };
  return JSON.stringify(blanks) === JSON.stringify(expected)
    ? []
    : [`card blanks reconciliation ${JSON.stringify(blanks)}, the printer holds ${JSON.stringify(expected)}`];
}

const uncounted = {
  group: 'cards on a printer without counters',
  prepare: countLoadAndEmpty,
  liveInvariants: blanksReconcile,
} as const;

/** the points where a blank moves, or sits inside the printer or at its slot */
const BLANK_POINTS =
  /^(after:card\.feed:intent|(before|after):card\.feed:done|after:card\.present:intent|(before|after):card\.present:done|(before|after):card\.taken:event|.*:card\.(retract|reject):.*)$/;

export const uncountedCardTaken: JourneyEntry = {
  ...newCardTaken,
  ...uncounted,
  name: 'new card, taken, printer without counters',
  args: [...UNCOUNTED, '--set', `devices.cardPrinter.hopper=${BLANKS_LOADED - STAFF_LOAD}`],
  only: (p) => BLANK_POINTS.test(p),
};

export const uncountedCardNotTaken: JourneyEntry = {
  ...newCardNotTaken,
  ...uncounted,
  name: 'new card, not taken (retracted), printer without counters',
  args: [...uncountedCardTaken.args!, ...(newCardNotTaken.args ?? [])],
  only: (p) => BLANK_POINTS.test(p),
};

export const uncountedCardChipFails: JourneyEntry = {
  ...newCardChipFails,
  ...uncounted,
  name: 'new card, chip write fails (blank rejected), printer without counters',
  args: uncountedCardTaken.args!,
  killAgain: undefined,
  only: (p) => BLANK_POINTS.test(p),
};

/**
 * PostgreSQL's subset: where a journal count moves across the kill, in one entry (one reference
 * run): the feed's done (the hopper) and the reject's done (the bin); SQLite runs every blank point.
 */
export const uncountedOnPostgres: JourneyEntry = {
  ...uncountedCardChipFails,
  only: (p) => /^(before|after):card\.(feed|reject):done$/.test(p),
};
