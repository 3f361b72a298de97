/**
 * A withdrawal's reversal or confirm that the journey journaled (intent) and that the host had
 * not answered when the kiosk stopped (no done): found at boot in the journal and rebuilt as the
 * same act under the same idempotency key, for the background tries of `WithdrawalHoldRelease`
 * (`resumeSettlementsAtBoot`), as a release cut off by a restart is resumed. A confirm stays a
 * confirm (what a partial count did not pay goes back first, as the journey meant) and a reversal
 * a reversal. A transaction recovery has already worked on (any `recovery.` step: it was open at
 * a boot, or the sweep of held withdrawals settled it) is left to recovery. An act the background
 * tries refused because the other one was tried under the serial (`refusedAsConflicting`) is never
 * sent: the one that stood is.
 */
import type { HostService } from '../host/host.service.js';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { stepDetail } from '../journal/step-detail.js';
import { HOST_ACT_STEPS, OWED_ACT_KINDS } from '../journal/owed-host-acts.js';
import { transactionsMayOwe } from '../journal/unfinished-acts.js';
import type { HostRetry } from '../host/journaled-host-retries.js';
import { reversalReason } from './withdrawal-host-settlement.js';

const REVERSE = HOST_ACT_STEPS.reverse;
const CONFIRM = HOST_ACT_STEPS.confirm;

export interface UnfinishedSettlement {
  readonly transactionId: string;
  readonly retry: HostRetry;
}

/** The reversals and confirms to send again at boot, each as the journey would have sent it. */
export async function unfinishedSettlements(
  db: DataSource,
  journal: JournalService,
  host: HostService,
): Promise<UnfinishedSettlement[]> {
  const found: UnfinishedSettlement[] = [];
  // reversals and confirms with more intents than dones, each decided as retention reads it too
  for (const transactionId of await transactionsMayOwe(db, OWED_ACT_KINDS.settlement)) {
    const steps = await journal.stepsOf(transactionId);
    const [owed] = OWED_ACT_KINDS.settlement.owedIn(steps);
    if (!owed) continue;
    const has = (step: string, phase: string) => steps.some((s) => s.step === step && s.phase === phase);
    const last = (step: string) => [...steps].reverse().find((s) => s.step === step && s.phase === 'intent');
    const authorisationId = String(
      stepDetail(steps.find((s) => s.step === 'withdrawal.authorised'))['authorisationId'],
    );
    const done = (view: { status: string; balanceAfterFen?: number | null }): StepDetail => ({
      hostStatus: view.status,
      balanceAfterFen: view.balanceAfterFen ?? null,
    });
    if (owed.step === CONFIRM) {
      const reverse = stepDetail(last(REVERSE));
      const unpaidFen =
        reverse['reason'] === 'partialDispense' &&
        !has(REVERSE, 'done') &&
        typeof reverse['amountFen'] === 'number'
          ? reverse['amountFen']
          : 0;
      found.push({
        transactionId,
        retry: {
          step: CONFIRM,
          settles: 'paid',
          send: async () => {
            if (unpaidFen > 0)
              await host.reverseWithdrawal(authorisationId, transactionId, {
                amountFen: unpaidFen,
                reason: 'dispenseFault',
              });
            const view = await host.confirmWithdrawal(authorisationId, transactionId);
            return { ...done(view), reversedFirstFen: unpaidFen, resumedAtBoot: true };
          },
        },
      });
      continue;
    }
    const intent = stepDetail(owed.intent);
    const reversal = {
      amountFen: Number(intent['amountFen']),
      reason: reversalReason(String(intent['reason'] ?? '')),
    };
    found.push({
      transactionId,
      retry: {
        step: REVERSE,
        settles: 'givenBack',
        send: async () => ({
          ...done(await host.reverseWithdrawal(authorisationId, transactionId, reversal)),
          resumedAtBoot: true,
        }),
      },
    });
  }
  return found;
}
