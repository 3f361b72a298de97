/**
 * The kill harness's card-making entries: a new card (taken; not taken, pulled back; a chip that
 * cannot be written, its blank rejected and the next one made) and a replacement (the loss
 * confirmed at the host, the fee from the personal account, then the same card making). After
 * every recovery, across the card printer's mechanism file, the journal, the persisted virtual
 * cards and the host's records:
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
import { DEMO_RESIDENTS, maskCardNumber, type Journey } from '@kiosk/domain';
import { BLANKS_LOADED, stateFile, WAIT_MS, type JourneyEntry, type World } from './kill-harness-world.js';
import type { UiClient } from './ui-client.js';

interface PrinterState {
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

function residentAtHost(world: World): Promise<HostResident> {
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

async function cardInvariants(world: World): Promise<string[]> {
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

/** The session up to the new card at the slot (paying the fee from the account when asked). */
async function makeUpToTheSlot({ resident }: World, ui: UiClient, journey: Journey): Promise<void> {
  await ui.waitForKiosk((k) => k.journeysOffered.includes(journey), 15_000);
  const started = await ui.emit('session.start', { journey });
  if (!started.ok) throw new Error(`session.start refused: ${JSON.stringify(started)}`);
  await ui.waitForSession((v) => v?.step === 'placeIdCard', WAIT_MS);
  await ui.emit('demo.idCard', { action: 'place', idCardId: resident.key });
  const at = (step: string) => (v: { step: string } | null) => v?.step === step || v?.step === 'ended';
  // an earlier attempt that was cut short may have paid the fee already
  let view = await ui.waitForSession(
    (v) => v?.step === 'payFee' || v?.step === 'takeNewCard' || v?.step === 'ended',
    60_000,
  );
  if (view?.step === 'payFee') {
    await ui.emit('session.payFee', { method: 'account' });
    view = await ui.waitForSession(at('takeNewCard'), 60_000);
  }
  if (view?.step !== 'takeNewCard') throw new Error(`no card made: ${JSON.stringify(view?.error)}`);
}

async function endSession(ui: UiClient): Promise<void> {
  await ui.emit('demo.idCard', { action: 'remove' });
  if (ui.session?.step === 'chooseJourney') await ui.emit('session.command', { command: 'finish' });
  await ui.waitForSession((v) => v === null || v.step === 'ended', 15_000);
}

async function takeTheCard(ui: UiClient): Promise<void> {
  const taken = await ui.emit('demo.newCard', { action: 'take' });
  if (!taken.ok) throw new Error(`the card could not be taken: ${JSON.stringify(taken)}`);
  await ui.waitForSession((v) => v?.step === 'chooseJourney', 20_000);
  await endSession(ui);
}

async function cardOutcome(world: World, transactionId: string): Promise<string> {
  const steps = await world.journal.all<{ step: string; phase: string; detail: string | null }>(
    `SELECT "step", "phase", "detail" FROM "journal_step" WHERE "transactionId" = $1 ORDER BY "seq"`,
    transactionId,
  );
  const has = (step: string, phase: string) => steps.some((s) => s.step === step && s.phase === phase);
  const blank = has('recovery.card.reject', 'done')
    ? 'blank rejected'
    : steps.some((s) => s.step === 'recovery.blank')
      ? 'no card inside'
      : 'no recovery';
  const report = steps.find((s) => s.step === 'recovery.host.issued' && s.phase === 'intent');
  const told = report
    ? `host told ${(JSON.parse(report.detail ?? '{}') as { outcome?: string }).outcome ?? '?'}${has('recovery.host.issued', 'done') ? '' : ' (failed)'}`
    : has('host.issued', 'done')
      ? 'host told before the kill'
      : 'host not told';
  const printer = stateFile<PrinterState>(world, 'card-printer.json');
  const atHost = await residentAtHost(world);
  const reserved = atHost.applications.find((a) => a.reservedCardNumber !== null);
  const old = atHost.cards.find((c) => c.cardNumber === world.resident.cardNumber);
  // a replacement: the old card's state and the application's (its fee paid or not)
  const replaced =
    world.resident.cardState === 'active'
      ? `, old card ${old?.state ?? '-'}, application ${atHost.applications.find((a) => a.kind === 'replacement')?.status ?? 'none open'}`
      : '';
  const kept = reserved
    ? ` (the host keeps ${maskCardNumber(reserved.reservedCardNumber!)} for the open application)`
    : '';
  return `${blank}, ${told}${kept}${replaced} → blanks: hopper ${printer.hopper}, issued ${printer.issued}, rejected ${printer.rejected}`;
}

/** The resident can make this journey again here: an application open, or a card to replace. */
async function canMakeAgain(world: World, kind: 'new' | 'replacement'): Promise<boolean> {
  const atHost = await residentAtHost(world);
  if (atHost.applications.some((a) => a.kind === kind)) return true;
  return kind === 'replacement' && atHost.cards.some((c) => ['active', 'lost'].includes(c.state));
}

export const newCardTaken: JourneyEntry = {
  name: 'new card, taken',
  journey: 'issueCard',
  group: 'cards',
  // wang has a new-card application waiting; each chain has its own host
  residents: ['wang', 'wang'],
  killBeforeEveryEvent: true,
  async drive(world, ui) {
    await makeUpToTheSlot(world, ui, 'issueCard');
    await takeTheCard(ui);
  },
  invariants: cardInvariants,
  outcome: cardOutcome,
  canDriveAgain: (world) => canMakeAgain(world, 'new'),
};

/**
 * The resident walks away: the card is pulled back into the reject bin, reported abandoned. The
 * card waits 0.5 s at the slot (1.5 s before): each drive waits it out, and what is checked is the
 * retract and its report, not the wait (the drive sees the card at the slot from the pushed view)
 */
export const newCardNotTaken: JourneyEntry = {
  ...newCardTaken,
  name: 'new card, not taken (retracted)',
  args: ['--set', 'timeouts.cardTakeMs=500'],
  async drive(world, ui) {
    await makeUpToTheSlot(world, ui, 'issueCard');
    await ui.waitForSession((v) => v?.error !== undefined || v?.step === 'ended', 20_000);
    await endSession(ui);
  },
};

/** The first blank's chip cannot be written: it goes to the reject bin, the next blank is made. */
export const newCardChipFails: JourneyEntry = {
  ...newCardTaken,
  name: 'new card, chip write fails (blank rejected)',
  // the next blank is the resident's card: killed again around its taking, where recovery once read
  // the first blank's reject as this card's and told the host 'abandoned' for a card taken
  killAgain: (point) => /^(before|after):(card\.taken|host\.issued):/.test(point),
  async drive(world, ui) {
    const armed = await ui.emit('demo.fault', { device: 'cardPrinter', fault: 'chipNoContact' });
    if (!armed.ok) throw new Error(`fault not armed: ${JSON.stringify(armed)}`);
    await makeUpToTheSlot(world, ui, 'issueCard');
    await takeTheCard(ui);
  },
};

/**
 * A replacement: the loss confirmed at the host, the fee from the account, then the card made. Its
 * own steps are killed (the replacement, the fee); of the card making it shares with a new card,
 * again the points around the card taken and reported, where the host cancels the old card.
 */
export const replacementTaken: JourneyEntry = {
  ...newCardTaken,
  name: 'replacement (loss confirmed, fee from the account), taken',
  journey: 'replaceCard',
  residents: ['li', 'zhang'],
  killAgain: (point) => /^(before|after):(card\.taken|host\.issued):/.test(point),
  async drive(world, ui) {
    await makeUpToTheSlot(world, ui, 'replaceCard');
    await takeTheCard(ui);
  },
  canDriveAgain: (world) => canMakeAgain(world, 'replacement'),
};
