/**
 * Which amounts the notes in the dispenser can make, so that the kiosk offers and accepts only
 * amounts it can pay (RULES.md "Balance, records and withdrawal"). A greedy pass (largest note
 * first) misses mixes such as 60 yuan from 50- and 20-yuan notes, so this is an exact search: the
 * fewest notes for each reachable amount, cassette by cassette, bounded by the notes present and
 * the amount asked. It is the dispenser's own rule (device-drivers' note mix: exactly, with at most
 * `MAX_NOTES_PER_DISPENSE` notes), so an amount offered here is one the dispenser pays.
 */
import { ErrorCode } from '@kiosk/domain';
import type { Fen } from '@kiosk/domain';
import { largestWithdrawal, withdrawalRefusal } from './withdrawal-rules.js';
import type { WithdrawalQuota, WithdrawalRefusal, WithdrawalRules } from './withdrawal-rules.js';

/** Notes the kiosk may pay out of one cassette (the daemon leaves out a cassette's reserve). */
export interface CashUnit {
  readonly denominationFen: Fen;
  readonly count: number;
}

/** LCDM-2000 style limit of notes in one dispense (the dispenser refuses more). */
export const MAX_NOTES_PER_DISPENSE = 60;

const holdsNotes = (u: CashUnit): boolean =>
  Number.isSafeInteger(u.denominationFen) &&
  u.denominationFen > 0 &&
  Number.isSafeInteger(u.count) &&
  u.count > 0;

const usable = (units: readonly CashUnit[]): CashUnit[] => units.filter(holdsNotes);

/**
 * One map per cassette taken in: amount → fewest notes that make it from the cassettes so far.
 * Only amounts up to `limitFen` are kept, so the work is bounded by the amounts asked about.
 */
function fewestNotes(units: readonly CashUnit[], limitFen: Fen): Map<Fen, number>[] {
  const layers: Map<Fen, number>[] = [new Map([[0, 0]])];
  for (const unit of units) {
    const before = layers[layers.length - 1] ?? new Map<Fen, number>();
    const after = new Map(before);
    for (const [amount, notes] of before) {
      const most = Math.min(unit.count, Math.floor((limitFen - amount) / unit.denominationFen));
      for (let k = 1; k <= most; k += 1) {
        const next = amount + k * unit.denominationFen;
        const known = after.get(next);
        if (known === undefined || notes + k < known) after.set(next, notes + k);
      }
    }
    layers.push(after);
  }
  return layers;
}

/**
 * The notes to take from each unit (in the units' order) to make `amountFen` exactly with the
 * fewest notes, or null when no mix of the notes present makes it within `maxNotes`.
 */
export function noteMix(
  amountFen: Fen,
  units: readonly CashUnit[],
  maxNotes: number = MAX_NOTES_PER_DISPENSE,
): number[] | null {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return null;
  const counted = units.map((u) => (holdsNotes(u) ? u : { ...u, count: 0 }));
  const layers = fewestNotes(counted, amountFen);
  const fewest = layers[layers.length - 1]?.get(amountFen);
  if (fewest === undefined || fewest > maxNotes) return null;
  const mix = counted.map(() => 0);
  let rest = amountFen;
  for (let i = counted.length - 1; i >= 0; i -= 1) {
    const unit = counted[i];
    const want = layers[i + 1]?.get(rest);
    if (!unit || want === undefined) return null;
    // the fewest notes for `rest` came from some k notes of this unit on top of the cassettes before
    for (let k = 0; k <= unit.count; k += 1) {
      if (layers[i]?.get(rest - k * unit.denominationFen) === want - k) {
        mix[i] = k;
        rest -= k * unit.denominationFen;
        break;
      }
    }
  }
  return rest === 0 ? mix : null;
}

/** Every amount from one note up to `limitFen` the notes make exactly, ascending. */
export function makeableAmounts(
  units: readonly CashUnit[],
  limitFen: Fen,
  maxNotes: number = MAX_NOTES_PER_DISPENSE,
): Fen[] {
  if (!(limitFen > 0)) return [];
  const layers = fewestNotes(usable(units), Math.floor(limitFen));
  const reached = layers[layers.length - 1] ?? new Map<Fen, number>();
  return [...reached]
    .filter(([amount, notes]) => amount > 0 && notes <= maxNotes)
    .map(([amount]) => amount)
    .sort((a, b) => a - b);
}

/** The smallest note the units hold, or undefined when they hold none. */
export function smallestNoteOf(units: readonly CashUnit[]): Fen | undefined {
  const held = usable(units);
  return held.length === 0 ? undefined : Math.min(...held.map((u) => u.denominationFen));
}

/** The amounts the kiosk offers now: within the rules, the day and the balance, and payable. */
export function offeredAmounts(
  quota: WithdrawalQuota,
  rules: WithdrawalRules,
  cash: readonly CashUnit[],
): Fen[] {
  return makeableAmounts(cash, largestWithdrawal(quota, rules)).filter(
    (amount) => withdrawalRefusal(amount, quota, rules) === null,
  );
}

export type AmountRefusal = WithdrawalRefusal | typeof ErrorCode.CASH_AMOUNT_NOT_PAYABLE;

/** Why the kiosk refuses this amount (the rules first, then the notes), or null: ask the host. */
export function amountRefusal(
  amountFen: Fen,
  quota: WithdrawalQuota,
  rules: WithdrawalRules,
  cash: readonly CashUnit[],
): AmountRefusal | null {
  const refusal = withdrawalRefusal(amountFen, quota, rules);
  if (refusal) return refusal;
  return noteMix(amountFen, cash) ? null : ErrorCode.CASH_AMOUNT_NOT_PAYABLE;
}

export const CASH_NOT_PAYABLE_MESSAGE =
  'The kiosk cannot pay out this amount with the notes it holds; please choose another amount.';
