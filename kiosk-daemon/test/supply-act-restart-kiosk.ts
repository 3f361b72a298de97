/**
 * A kiosk whose field staff's refill or bin emptying is cut off by a restart, for the e2e specs of
 * ADR 0022: the built daemon killed by the kill harness's hook (`journal.crashAt`) at a step of a
 * staff act, booted again, and the journal read back (the visit's steps, the `maintenance_supply`
 * entries, the journal's count of a supply) as field staff and auditors read them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { boot } from './uncounted-bin-kiosk.js';
import { WAIT_MS, type LiveWorld } from './kill-harness-world.js';
import { DEMO_ENGINEER, DEMO_SUPERVISOR, maintenanceCall, staffLogIn } from './maintenance-client.js';
import type { UiClient } from './ui-client.js';

export interface SupplyEntry {
  readonly transactionId: string;
  readonly kind: string;
  readonly supply: string;
  readonly action: string;
  readonly quantity: number;
  readonly deviceBefore: number | null;
  readonly deviceAfter: number | null;
}

/** Every `maintenance_supply` entry of `supply`, oldest first. */
export async function entriesOf(world: LiveWorld, supply: string): Promise<SupplyEntry[]> {
  return world.journal.all<SupplyEntry>(
    `SELECT "transactionId", "kind", "supply", "action", "quantity", "deviceBefore", "deviceAfter"
       FROM "maintenance_supply" WHERE "supply" = $1 ORDER BY "id"`,
    supply,
  );
}

/** The steps of a staff act (`maintenance.refill`, ...) in every visit, as `step:phase`, oldest first. */
export async function actSteps(world: LiveWorld, step: string): Promise<string[]> {
  const rows = await world.journal.all<{ step: string; phase: string }>(
    `SELECT "step", "phase" FROM "journal_step" WHERE "step" = $1 ORDER BY "id"`,
    step,
  );
  return rows.map((r) => `${r.step}:${r.phase}`);
}

/** The card printer's `counter` in the journal's last card printer record (undefined: none). */
export async function journalPrinterCount(
  world: LiveWorld,
  counter: 'blanks' | 'rejectBin',
): Promise<number | undefined> {
  const [row] = await world.journal.all<{ counters: string }>(
    `SELECT "counters" FROM "device_counters" WHERE "kind" = 'cardPrinter' ORDER BY "id" DESC LIMIT 1`,
  );
  return row ? (JSON.parse(row.counters) as Record<string, number | undefined>)[counter] : undefined;
}

/** The emulated card printer's mechanism file: its blanks in the hopper. */
export function printerHopper(world: LiveWorld): number {
  return (JSON.parse(readFileSync(join(world.dir, 'card-printer.json'), 'utf8')) as { hopper: number })
    .hopper;
}

/** Field staff's hands while the kiosk was off: `blanks` put in the hopper of the printer. */
export function handsLoadHopper(world: LiveWorld, blanks: number): void {
  const path = join(world.dir, 'card-printer.json');
  const state = JSON.parse(readFileSync(path, 'utf8')) as { hopper: number };
  writeFileSync(path, JSON.stringify({ ...state, hopper: state.hopper + blanks }));
}

/** Field staff's hands while the kiosk was off: the printer's reject bin emptied. */
export function handsEmptyRejectBin(world: LiveWorld): void {
  const path = join(world.dir, 'card-printer.json');
  const state = JSON.parse(readFileSync(path, 'utf8')) as { rejectBin: number };
  writeFileSync(path, JSON.stringify({ ...state, rejectBin: 0 }));
}

export type Visit = (token: string, ui: UiClient) => Promise<void>;

/** A visit of `staff` on a booted daemon, logged out after `work`. */
async function visit(ui: UiClient, work: Visit, staff = DEMO_ENGINEER): Promise<void> {
  await ui.waitForKiosk((k) => k.mode === 'inService', WAIT_MS);
  const login = await staffLogIn(ui.url, ui, staff);
  const token = (login.body as { token?: string } | undefined)?.token;
  if (!token) throw new Error(`staff log-in refused: ${JSON.stringify(login)}`);
  await work(token, ui);
  await maintenanceCall(ui.url, 'POST', '/maintenance/logout', { token });
}

/**
 * The daemon booted with the kill harness's point `crashAt` armed, a visit doing `before` then the
 * act `act` (its answer never comes: the daemon dies at the point), killed there.
 */
export async function visitKilledAt(
  world: LiveWorld,
  crashAt: string,
  act: { readonly path: string; readonly body: unknown },
  before?: Visit,
): Promise<void> {
  const { daemon, ui } = await boot(world, crashAt);
  try {
    await ui.waitForKiosk((k) => k.mode === 'inService', WAIT_MS);
    const login = await staffLogIn(ui.url, ui, DEMO_SUPERVISOR);
    const token = (login.body as { token: string }).token;
    await before?.(token, ui);
    await expect(maintenanceCall(ui.url, 'POST', act.path, { token, body: act.body })).rejects.toThrow();
  } finally {
    ui.close();
  }
  expect((await daemon.ended).signal).toBe('SIGKILL');
}

/** A boot after the restart (recovery runs before service), a visit doing `work`, a clean stop. */
export async function bootAndVisit(world: LiveWorld, work: Visit, staff = DEMO_ENGINEER): Promise<void> {
  const { daemon, ui } = await boot(world);
  try {
    await visit(ui, work, staff);
  } finally {
    ui.close();
    expect(await daemon.stop()).toBe(0);
  }
}

/** The reconciliation report since `since` as staff read it (GET /maintenance/reconciliation). */
export async function reconciliation(
  ui: UiClient,
  token: string,
  since: string,
): Promise<Record<string, unknown>> {
  const report = await maintenanceCall(
    ui.url,
    'GET',
    `/maintenance/reconciliation?since=${encodeURIComponent(since)}`,
    { token },
  );
  expect(report.status).toBe(200);
  return report.body as Record<string, unknown>;
}

/** The supply acts a restart cut off that staff have not answered (GET /maintenance/supply-acts-cut-off). */
export async function cutOff(ui: UiClient, token: string): Promise<Record<string, unknown>[]> {
  const listed = await maintenanceCall(ui.url, 'GET', '/maintenance/supply-acts-cut-off', { token });
  expect(listed.status).toBe(200);
  return listed.body as Record<string, unknown>[];
}

/** The visit's first act: the reject bin emptied (counted 0), so the journal counts it. */
export const emptyTheBin: Visit = async (token, ui) => {
  const emptied = await maintenanceCall(ui.url, 'POST', '/maintenance/empty-bin', {
    token,
    body: { device: 'cardPrinter', supply: 'rejectBin', counted: 0 },
  });
  expect(emptied.status).toBe(200);
};
