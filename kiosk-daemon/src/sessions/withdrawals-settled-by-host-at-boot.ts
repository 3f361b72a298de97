/**
 * After the sweep of held withdrawals (a boot's, a visit's self test's): each withdrawal the
 * journal still counts left for staff or ended undecided (`withdrawals-left-to-fleet.ts`) that is
 * not open and that the sweep did not find held is asked for by its serial; one whose hold the
 * host ended by itself (expired, released at the back office) is journaled so with what the host
 * says (`withdrawal-settled-by-host.ts`), off the supervisor's list and the fleet's count. One the
 * host still holds, knows nothing of, or cannot answer for is left as it was. A host that did not
 * answer earlier at this boot (`boot.away`) is not asked: the late sweep asks once it answers
 * (`sweepHeldWithdrawals`). Each is journaled in its settlement hand, read anew.
 */
import { KioskError } from '@kiosk/domain';
import { noteHostSilence } from '../host/boot-host.js';
import type { HostService } from '../host/host.service.js';
import type { BootHost } from '../host/journaled-host-retries.js';
import type { JournalService } from '../journal/journal.service.js';
import { STAFF_VERDICT_STEP } from '../journeys/staff-settlement-rules.js';
import {
  journalSettledByHost,
  SETTLED_BY_HOST_STEP,
  settledAtHost,
} from '../journeys/withdrawal-settled-by-host.js';
import { withdrawalsCountedLeft } from '../telemetry/fleet/withdrawals-left-to-fleet.js';

export interface SettledByHostDeps {
  readonly journal: JournalService;
  readonly host: Pick<HostService, 'withdrawalByKey'>;
  readonly log: { warn(message: string): void };
  /** each serial journaled in its settlement hand (shared with staff's verdicts); absent: none other settles */
  readonly inHand?: <T>(serial: string, settle: () => Promise<T>) => Promise<T>;
}

/** Returns the serials journaled settled by the host. `leaveAlone`: held, or settled in the background. */
export async function endLeftSettledByHost(
  deps: SettledByHostDeps,
  leaveAlone: (serial: string) => boolean,
  boot?: BootHost,
): Promise<string[]> {
  if (boot?.away) return [];
  const { journal } = deps;
  const inHand = deps.inHand ?? ((_serial, settle) => settle());
  const open = await journal.openTransactions();
  const openIds = new Set(open.map((t) => t.id));
  const left = await withdrawalsCountedLeft(journal, open);
  const ended: string[] = [];
  for (const serial of left) {
    if (openIds.has(serial) || leaveAlone(serial)) continue;
    try {
      const view = await deps.host.withdrawalByKey(serial);
      if (!settledAtHost(view)) continue;
      // in its settlement hand, read anew: a staff verdict given meanwhile journaled it already
      const journaled = await inHand(serial, async () => {
        const steps = await journal.stepsOf(serial);
        if (steps.some((s) => s.step === SETTLED_BY_HOST_STEP || s.step === STAFF_VERDICT_STEP)) return false;
        await journalSettledByHost(journal, serial, view);
        return true;
      });
      if (journaled) ended.push(serial);
    } catch (e) {
      // the journal refusing its step stops recovery as any of its writes does
      if (KioskError.from(e).code.startsWith('JOURNAL_')) throw e;
      deps.log.warn(`recovery: the host's hold of ${serial} not read: ${KioskError.from(e).code}`);
      noteHostSilence(boot, e);
      if (boot?.away) break;
    }
  }
  return ended;
}
