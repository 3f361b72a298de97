/**
 * One pass of a late settlement (the card printer back, the dispenser back) settles what waited,
 * one by one. A fault on one (the journal refusing its step, a host answer that throws) is that
 * one's alone: kept with its code, left where the journal says for the next reason to look, and
 * the pass goes on; what it settled is answered all the same.
 */
import { KioskError, type ErrorCode } from '@kiosk/domain';

/** One whose settlement threw: left where the journal says, for the next reason to look. */
export interface SettlementFailed {
  readonly id: string;
  readonly code: ErrorCode;
}

/** Settles each of `ids` in turn by `settleOne`; answers those that threw, with their codes. */
export async function settleEach(
  ids: readonly string[],
  settleOne: (id: string) => Promise<void>,
): Promise<SettlementFailed[]> {
  const failed: SettlementFailed[] = [];
  for (const id of ids) {
    try {
      await settleOne(id);
    } catch (e) {
      failed.push({ id, code: KioskError.from(e).code });
    }
  }
  return failed;
}
