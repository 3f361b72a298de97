/**
 * What host act a journaled transaction still owes the host, one definition per kind of act: the
 * boot's resumes send again what it names (`PinOutcomeReports`, `PinResetReports`,
 * `CardMakingReports`, `CardActivations`, `WithdrawalHoldRelease` and `unfinishedSettlements`), and
 * the journal's retention keeps a closed transaction while it names one (`journal-retention.ts`). One definition,
 * so the two cannot drift: a refusal that stands, a card report sent by staff, an act refused as
 * conflicting are settled for both, and retention never keeps for ever what no boot will send.
 *
 * Each kind reads the transaction's steps only. A resume may still leave an act it names (its card
 * number sealed does not open, say: it logs that at every boot). An act given up is journaled
 * `failed` with `abandoned` (and `triedAgain: false`): settled for every kind.
 */
import { refusedAsConflicting, stillOwedAfter } from '../host/host-retry.js';
import { detailText, hasStep as has, stepDetail, type JournaledStep } from './step-detail.js';

/** The journaled steps of the host acts a boot sends again, by kind. */
export const HOST_ACT_STEPS = {
  pinOutcome: 'host.pinOutcome',
  pinReset: 'host.pinReset',
  cardReport: 'recovery.host.issued',
  journeyCardReport: 'host.issued',
  activation: 'host.activate',
  release: 'withdrawal.release',
  reverse: 'withdrawal.reverse',
  confirm: 'withdrawal.confirm',
} as const;

const S = HOST_ACT_STEPS;

/** One act owed: its step, the PIN entry (outcomes only) and the intent it is owed by. */
export interface OwedAct<T extends JournaledStep = JournaledStep> {
  readonly step: string;
  readonly attempt?: number;
  readonly intent: T;
}

export interface OwedActKind {
  /** the steps whose intents outnumber their dones in a transaction that may owe one (the boot's first read) */
  readonly steps: readonly string[];
  /**
   * the chip's step whose done makes the act owed before its own intent is journaled (a restart
   * between the two): a transaction with more of its dones (those whose detail is like `detailLike`)
   * than dones of `steps` may owe one too
   */
  readonly owedOnceDone?: { readonly step: string; readonly detailLike?: string };
  /** a refusal that stands counts as a done in that first read */
  readonly refusalSettles?: boolean;
  /** the acts owed in a transaction, from its steps (all of them, in journal order) */
  readonly owedIn: <T extends JournaledStep>(steps: readonly T[]) => OwedAct<T>[];
}

/** The act's step given up (journaled failed with `abandoned`): settled, never sent again. */
export function givenUp(steps: readonly JournaledStep[], step: string): boolean {
  return steps.some(
    (s) => s.step === step && s.phase === 'failed' && stepDetail(s)['abandoned'] !== undefined,
  );
}

const ofStep = <T extends JournaledStep>(steps: readonly T[], step: string) =>
  steps.filter((s) => s.step === step);

/** Each PIN entry's outcome journaled owed and neither answered nor refused (a refusal stands). */
function pinOutcomesOwed<T extends JournaledStep>(all: readonly T[]): OwedAct<T>[] {
  const steps = ofStep(all, S.pinOutcome);
  const settled = new Set(
    steps
      .filter((s) => s.phase === 'done' || (s.phase === 'failed' && stepDetail(s)['triedAgain'] === false))
      .map((s) => stepDetail(s)['attempt']),
  );
  const owed: OwedAct<T>[] = [];
  for (const s of steps) {
    const { attempt, outcome } = stepDetail(s);
    if (s.phase !== 'intent' || settled.has(attempt) || typeof attempt !== 'number') continue;
    if (outcome !== 'verified' && outcome !== 'wrong' && outcome !== 'blocked') continue;
    // one act per entry: an intent journaled twice (a commit that did not say) is one owed
    if (owed.some((o) => o.attempt === attempt)) continue;
    owed.push({ step: S.pinOutcome, attempt, intent: s });
  }
  return owed;
}

/** The card's PIN reset on the chip, journaled done: the chip took the new PIN. */
const CHIP_RESET = 'card.resetPin';
/** In the chip reset's done: the card was `made` at the host (its default PIN locked), the reset activates it. */
export const RESET_ACTIVATES = 'activates';

/**
 * A PIN reset's report, owed once the card took the new PIN (its report journaled or not: a
 * restart between the chip and the host), until answered or refused.
 */
function pinResetOwed<T extends JournaledStep>(all: readonly T[]): OwedAct<T>[] {
  const chip = all.find((s) => s.step === CHIP_RESET && s.phase === 'done');
  if (!chip) return [];
  const reports = ofStep(all, S.pinReset);
  const last = reports.at(-1);
  if (last && !stillOwedAfter(last)) return [];
  // its place in the card's order: where it was first journaled (not yet: where the chip took it)
  return [{ step: S.pinReset, intent: reports[0] ?? chip }];
}

/**
 * A card making's report to the office, the journey's own (`host.issued`) or recovery's, owed until
 * answered or refused (the last one journaled is the one owed: recovery's answered settles the
 * journey's); one of a staff verdict is staff's to send (ADR 0010), and one the journal cannot
 * rebuild (no outcome, no application) is never sent.
 */
function cardReportOwed<T extends JournaledStep>(all: readonly T[]): OwedAct<T>[] {
  // the journey's `host.issued` skipped (no number reserved) is an event: nothing to send
  const reports = all.filter(
    (s) => (s.step === S.cardReport || s.step === S.journeyCardReport) && s.phase !== 'event',
  );
  const last = reports.at(-1);
  const intent = reports.findLast((s) => s.phase === 'intent');
  if (!last || !intent || !stillOwedAfter(last)) return [];
  if (stepDetail(intent)['staff'] !== undefined) return [];
  const outcome = detailText(intent, 'outcome');
  if (outcome !== 'issued' && outcome !== 'abandoned') return [];
  if (
    !detailText(
      all.findLast((s) => s.step === 'issuance.order'),
      'applicationNo',
    )
  )
    return [];
  return [{ step: intent.step, intent }];
}

/**
 * A card's activation at the host, owed once the chip took the new PIN (the default PIN gone: the
 * card cannot be activated again), until answered or refused (`card-activation.ts`).
 */
function activationOwed<T extends JournaledStep>(all: readonly T[]): OwedAct<T>[] {
  if (!has(all, 'card.changePin', 'done') && !has(all, CHIP_RESET, 'done')) return [];
  const acts = ofStep(all, S.activation);
  const last = acts.at(-1);
  const intent = acts.findLast((s) => s.phase === 'intent');
  if (!last || !intent) {
    // a new card's reset the chip took, its activation not journaled yet (a restart between the two)
    const reset = all.find((s) => s.step === CHIP_RESET && s.phase === 'done');
    return reset && stepDetail(reset)[RESET_ACTIVATES] === true
      ? [{ step: S.activation, intent: reset }]
      : [];
  }
  if (!stillOwedAfter(last)) return [];
  return [{ step: S.activation, intent }];
}

/**
 * A hold released by its serial: owed while its intents outnumber its dones (a refusal of the host
 * is sent again at the next boot), but not once refused here as conflicting, or given up.
 */
function releaseOwed<T extends JournaledStep>(all: readonly T[]): OwedAct<T>[] {
  const steps = ofStep(all, S.release);
  const intents = steps.filter((s) => s.phase === 'intent');
  if (intents.length <= steps.filter((s) => s.phase === 'done').length) return [];
  if (refusedAsConflicting(all, S.release) || givenUp(all, S.release)) return [];
  return [{ step: S.release, intent: intents.at(-1)! }];
}

/**
 * A journey's confirm or reversal the host had not answered: a confirm journaled stands before a
 * reversal (unless refused as conflicting); one recovery worked on is recovery's; one without the
 * authorisation's id, or a reversal without its amount, cannot be sent.
 */
function settlementOwed<T extends JournaledStep>(all: readonly T[]): OwedAct<T>[] {
  if (all.some((s) => s.step.startsWith('recovery.'))) return [];
  const authorised = all.find((s) => s.step === 'withdrawal.authorised');
  if (typeof stepDetail(authorised)['authorisationId'] !== 'string') return [];
  const lastIntent = (step: string) => all.findLast((s) => s.step === step && s.phase === 'intent');
  const confirm = lastIntent(S.confirm);
  if (confirm && !refusedAsConflicting(all, S.confirm)) {
    if (has(all, S.confirm, 'done') || givenUp(all, S.confirm)) return [];
    return [{ step: S.confirm, intent: confirm }];
  }
  const reverse = lastIntent(S.reverse);
  if (!reverse || has(all, S.reverse, 'done') || refusedAsConflicting(all, S.reverse)) return [];
  if (givenUp(all, S.reverse) || typeof stepDetail(reverse)['amountFen'] !== 'number') return [];
  return [{ step: S.reverse, intent: reverse }];
}

/** Every kind of host act a boot sends again, with what makes one owed. */
export const OWED_ACT_KINDS = {
  pinOutcome: { steps: [S.pinOutcome], refusalSettles: true, owedIn: pinOutcomesOwed },
  pinReset: { steps: [S.pinReset], owedOnceDone: { step: CHIP_RESET }, owedIn: pinResetOwed },
  cardReport: { steps: [S.cardReport, S.journeyCardReport], owedIn: cardReportOwed },
  activation: {
    steps: [S.activation],
    owedOnceDone: { step: CHIP_RESET, detailLike: `%"${RESET_ACTIVATES}":true%` },
    owedIn: activationOwed,
  },
  release: { steps: [S.release], owedIn: releaseOwed },
  settlement: { steps: [S.reverse, S.confirm], owedIn: settlementOwed },
} as const satisfies Record<string, OwedActKind>;

export type OwedActKindName = keyof typeof OWED_ACT_KINDS;

/** The acts of every kind owed in a transaction, from its steps. */
export function owedHostActs<T extends JournaledStep>(steps: readonly T[]): OwedAct<T>[] {
  return Object.values(OWED_ACT_KINDS).flatMap((kind) => kind.owedIn(steps));
}
