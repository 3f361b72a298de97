/**
 * What one host act given up past the retention and its grace is (ADR 0025), as the log and the
 * fleet are told it: read at the give-up from the act's last failure (`owed-acts-given-up.ts`) and
 * at a later boot from the give-up's own step (`given-up-told.ts`), both through `givenUpWhy`.
 */
import type { OwedActKindName } from './owed-host-acts.js';

/** Why an act was given up: the host never answered it, or refused it for good (a release, a reversal). */
export type GivenUpReason = 'NOT_ANSWERED' | 'REFUSED';

/** One act given up: what the log and the fleet are told (no card number, no name). */
export interface GivenUpAct {
  readonly transactionId: string;
  readonly kind: OwedActKindName;
  readonly step: string;
  readonly attempt?: number;
  readonly reason: GivenUpReason;
  /** the code of the host's last answer journaled, if any */
  readonly lastCode?: string;
}

/**
 * Why an act was given up and the host's last code, from what a journaled detail says of it:
 * whether the host refused it for good, and its last code (kept only when it is text). The act's
 * last failure says so by `triedAgain` and `code`, the give-up's step by `abandoned` and `lastCode`.
 */
export function givenUpWhy(refused: boolean, lastCode: unknown): Pick<GivenUpAct, 'reason' | 'lastCode'> {
  return {
    reason: refused ? 'REFUSED' : 'NOT_ANSWERED',
    ...(typeof lastCode === 'string' && { lastCode }),
  };
}
