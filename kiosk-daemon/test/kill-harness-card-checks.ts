/**
 * What the kill harness checks after every recovery of a card-making entry
 * (`kill-harness-cards.ts`), across the card printer's mechanism file, the journal, the persisted
 * virtual cards and the host's records:
 * - no blank unaccounted for: none left inside; in the hopper + issued + rejected (the retracted
 *   among them) = the blanks loaded; the journal's card printer counters say the same, its cards
 *   issued counted once per card taken from the slot;
 * - every blank that left the hopper is a persisted chip; every card the host issued is one
 *   personalised chip (its number, a PIN) and nothing else carries that number with a PIN set
 *   outside the reject bin;
 * - the host issued exactly as many cards as the resident took from the slot (issued once,
 *   reported only after taken), the journal says the same (its `host.issued` reports), and no card
 *   number is left reserved for an application nobody makes it for;
 * - a replacement: the old card cancelled exactly when its successor was issued.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_RESIDENTS, maskCardNumber } from '@kiosk/domain';
import { BLANKS_LOADED, stateFile, type World } from './kill-harness-world.js';

export interface PrinterState {
  hopper: number;
  loaded: number;
  issued: number;
  rejected: number;
  rejectBin: number;
  position: string;
}

interface HostResident {
  cards: { cardNumber: string; state: string }[];
  applications: { applicationNo: string; kind: string; status: string; reservedCardNumber: string | null }[];
}

const DEMO_CARD_IDS = new Set(DEMO_RESIDENTS.map((r) => r.key));

export function residentAtHost(world: World): Promise<HostResident> {
  return world.host.request<HostResident>('POST', '/v1/residents/lookup', {
    idNumber: world.resident.idNumber,
  });
}

/** The blanks' chips in the card store: card number written (if any) and whether a PIN is set. */
function blankChips(world: World): { cardId: string; text: string; pinSet: boolean }[] {
  const dir = join(world.dir, 'cards');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.card.json'))
    .map(
      (f) =>
        JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
          cardId: string;
          records: Record<string, string>;
          pin: unknown;
        },
    )
    .filter((m) => !DEMO_CARD_IDS.has(m.cardId))
    .map((m) => ({
      cardId: m.cardId,
      text: Object.values(m.records)
        .map((hex) => Buffer.from(hex, 'hex').toString('latin1'))
        .join(''),
      pinSet: m.pin !== null,
    }));
}

/** What the journal says the host was told: card numbers reported issued, and how many abandoned. */
async function journaledReports(world: World): Promise<{ issued: number; abandoned: number }> {
  const rows = await world.journal.all<{ detail: string | null }>(
    `SELECT s."detail" FROM "journal_step" s JOIN "journal_step" d
       ON d."transactionId" = s."transactionId" AND d."step" = s."step" AND d."phase" = 'done'
     WHERE s."step" IN ('host.issued', 'recovery.host.issued') AND s."phase" = 'intent'`,
  );
  const outcomes = rows.map((r) => (JSON.parse(r.detail ?? '{}') as { outcome?: string }).outcome);
  return {
    issued: outcomes.filter((o) => o === 'issued').length,
    abandoned: outcomes.filter((o) => o === 'abandoned').length,
  };
}

/** Numbers the host keeps reserved that the journal ordered and never reported. */
async function unreportedOrders(world: World, atHost: HostResident): Promise<string[]> {
  const orders = await world.journal.all<{ transactionId: string; detail: string | null }>(
    `SELECT "transactionId", "detail" FROM "journal_step" WHERE "step" = 'issuance.order'`,
  );
  const reported = await world.journal.all<{ transactionId: string }>(
    `SELECT "transactionId" FROM "journal_step" WHERE "step" IN ('host.issued', 'recovery.host.issued') AND "phase" = 'done'`,
  );
  // a transaction recovery left to staff keeps its reservation until staff settle it
  const settled = await world.journal.all<{ id: string }>(
    `SELECT "id" FROM "journal_transaction" WHERE "status" = 'closed'`,
  );
  const closed = new Set(settled.map((t) => t.id));
  const told = new Set(reported.map((r) => r.transactionId));
  return atHost.applications.flatMap((a) => {
    if (a.reservedCardNumber === null) return [];
    const masked = maskCardNumber(a.reservedCardNumber);
    const unreported = orders.some(
      (o) =>
        (JSON.parse(o.detail ?? '{}') as { card?: string }).card === masked &&
        closed.has(o.transactionId) &&
        !told.has(o.transactionId),
    );
    return unreported ? [masked] : [];
  });
}

export async function cardInvariants(world: World): Promise<string[]> {
  const problems: string[] = [];
  const printer = stateFile<PrinterState>(world, 'card-printer.json');
  if (printer.position !== 'none') problems.push(`a card left in the printer (${printer.position})`);
  if (printer.loaded !== BLANKS_LOADED)
    problems.push(`${printer.loaded} blanks loaded, ${BLANKS_LOADED} put in`);
  if (printer.hopper + printer.issued + printer.rejected !== BLANKS_LOADED) {
    problems.push(
      `hopper ${printer.hopper} + issued ${printer.issued} + rejected ${printer.rejected} ≠ ${BLANKS_LOADED} loaded`,
    );
  }
  // the journal's card printer counters (reconciled at boot, then fed on every change)
  const [counted] = await world.journal.all<{ counters: string }>(
    `SELECT "counters" FROM "device_counters" WHERE "kind" = 'cardPrinter' ORDER BY "id" DESC LIMIT 1`,
  );
  const counters = counted
    ? (JSON.parse(counted.counters) as { blanks?: number; rejectBin?: number; issued?: number })
    : {};
  if (counters.blanks !== printer.hopper || counters.rejectBin !== printer.rejectBin) {
    problems.push(
      `journal counters ${counters.blanks ?? '-'} blanks / reject bin ${counters.rejectBin ?? '-'}, printer ${printer.hopper} / ${printer.rejectBin}`,
    );
  }
  // cards issued: counted once per card taken from the slot, whatever the kill cut short
  if ((counters.issued ?? 0) !== printer.issued) {
    problems.push(
      `journal counters ${counters.issued ?? 0} cards issued, ${printer.issued} taken from the slot`,
    );
  }
  // the chips: one persisted per blank fed
  const chips = blankChips(world);
  const fed = printer.loaded - printer.hopper;
  if (chips.length !== fed) problems.push(`${fed} blanks fed, ${chips.length} blank chips in the card store`);
  // the host: issued once, only what was taken; nothing left reserved
  const atHost = await residentAtHost(world);
  const issuedAtHost = atHost.cards.filter((c) => c.cardNumber !== world.resident.cardNumber);
  if (issuedAtHost.length !== printer.issued) {
    problems.push(`the host issued ${issuedAtHost.length} cards, ${printer.issued} taken from the slot`);
  }
  const reports = await journaledReports(world);
  if (reports.issued !== issuedAtHost.length) {
    problems.push(`the journal reported ${reports.issued} cards issued, the host has ${issuedAtHost.length}`);
  }
  for (const c of issuedAtHost) {
    const carriers = chips.filter((chip) => chip.text.includes(c.cardNumber));
    if (carriers.length !== 1 || !carriers[0]!.pinSet) {
      problems.push(
        `issued card …${c.cardNumber.slice(-4)} is on ${carriers.length} chips (PIN set: ${carriers.map((x) => x.pinSet).join(',')})`,
      );
    }
  }
  // a number the journal ordered is reported back (issued or abandoned); a reservation the journal
  // never saw (killed between the host's answer and the journal) stays with the open application,
  // and its next order gets the same number
  for (const masked of await unreportedOrders(world, atHost)) {
    problems.push(`card number ${masked} ordered in the journal, never reported, still reserved at the host`);
  }
  const old = atHost.cards.find((c) => c.cardNumber === world.resident.cardNumber);
  if (world.resident.cardState === 'active') {
    // a replacement: the old card is cancelled exactly when the new one was issued
    const cancelled = old?.state === 'cancelled';
    if (cancelled !== issuedAtHost.length > 0) {
      problems.push(`old card ${old?.state ?? 'missing'} with ${issuedAtHost.length} new cards issued`);
    }
  }
  return problems;
}
