/**
 * The kill harness's card-making entries: a new card (taken; not taken, pulled back; a chip that
 * cannot be written, its blank rejected and the next one made) and a replacement (the loss
 * confirmed at the host, the fee from the personal account, then the same card making). After
 * every recovery each is checked by `cardInvariants` (`kill-harness-card-checks.ts`): no blank
 * unaccounted for, every card the host issued one personalised chip, issued exactly as many as
 * taken, a replaced card cancelled exactly when its successor was issued.
 */
import { maskCardNumber, type Journey } from '@kiosk/domain';
import { cardInvariants, type PrinterState, residentAtHost } from './kill-harness-card-checks.js';
import { stateFile, WAIT_MS, type JourneyEntry, type World } from './kill-harness-world.js';
import type { UiClient } from './ui-client.js';

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
