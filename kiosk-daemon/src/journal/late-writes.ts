import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';

/** What the act running now is, when it is one designed to outlive its journey. */
const outliving = new AsyncLocalStorage<string>();

/**
 * Runs `act`, one designed to outlive its journey (a background try of a host act, the close of a
 * QR fee order off the session's path, the boot's settlement of closed transactions), as `what`:
 * what it journals into a transaction closed meanwhile is expected, logged at info with `what`,
 * not warned. Everything `act` starts (its timers, the journal calls of the helpers it calls) is
 * of it; its caller, after `act` returns, is not.
 */
export function outlivingItsJourney<T>(what: string, act: () => Promise<T>): Promise<T> {
  return outliving.run(what, act);
}

const log = new Logger('Journal');

/**
 * A write into a closed transaction (`what`: a step and its phase, or the kind of write; never
 * its detail). Expected from an act run by `outlivingItsJourney`: info, with what that act is.
 * Any other is unexpected (an act of a journey that answered after its journey ended): a warning.
 */
export function reportLateWrite(transactionId: string, what: string): void {
  const designed = outliving.getStore();
  if (designed !== undefined) {
    log.log(`${transactionId}: ${what} journaled after the transaction closed, as designed: ${designed}`);
  } else {
    log.warn(`${transactionId}: ${what} journaled late, after the transaction closed`);
  }
}
