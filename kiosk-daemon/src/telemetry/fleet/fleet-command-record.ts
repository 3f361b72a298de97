/**
 * What the journal says of a fleet command the kiosk got before: the record its exactly-once rests
 * on (ADR 0027). Each command is journaled before it acts (a transaction of journey `fleetCommand`
 * under the command's id, its `fleet.<type>` intent) and its outcome after (`fleet.<type>` done or
 * failed, then the close); a refusal is journaled too (`fleet.refused`). A command delivered again,
 * however late and whatever the kiosk's clock, is answered from that record and never run again:
 * - its outcome journaled: that outcome (done; rejected or failed with its code);
 * - refused: that refusal, with its code;
 * - started and not finished (a restart cut it after its intent; boot recovery closes it so): its
 *   act may have taken effect in whole, in part or not at all, so it is refused with
 *   TELEMETRY_COMMAND_STATE_UNKNOWN and never run again. What the kiosk then does is what its own
 *   state says, shown in its status: an `outOfService` whose hold was kept (`fleet-hold.json`) holds
 *   the kiosk again at boot, one cut before it does not; an `inService` cut after it removed the hold
 *   leaves the kiosk in service, one cut before it leaves the hold; a `restart` cut is a restart done
 *   (the kiosk is starting again), not a second one; `runSelfTest` acted on nothing (the boot's own
 *   self test has run since); an `uploadJournalExtract` may have sent its extract (the monitor
 *   stores one per command). The operator sends it again if still wanted.
 * The oldest transaction under the id decides: one opened and never given its intent (a journal
 * fault) is a command that may not have run, refused the same way.
 */
import { ErrorCode } from '@kiosk/domain';
import { detailText, type JournaledStep } from '../../journal/step-detail.js';
import { JournalTransaction } from '../../journal/journal-transaction.entity.js';
import type { DataSource } from '../../journal/typeorm-runtime.js';
import type { CommandOutcome } from '../mqtt/command-receiver.js';

/** The journey name of a fleet command's journal transaction. */
export const FLEET_COMMAND_JOURNEY = 'fleetCommand';
/** The step of a message on the command topic refused before it ran (malformed, expired, another kiosk's). */
export const FLEET_REFUSED_STEP = 'fleet.refused';

const CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

/** A code as journaled, or `fallback` when it does not read as one (a torn or hand-edited detail). */
function codeOf(step: JournaledStep, fallback: string): string {
  const code = detailText(step, 'code');
  return code !== undefined && CODE.test(code) ? code : fallback;
}

/** The answer a fleet command's journaled steps give (see above); never throws. */
export function commandOutcomeOf(steps: readonly JournaledStep[]): CommandOutcome {
  for (const step of steps) {
    if (step.step === FLEET_REFUSED_STEP)
      return { result: 'rejected', code: codeOf(step, ErrorCode.TELEMETRY_COMMAND_FAILED) };
    if (!step.step.startsWith('fleet.')) continue;
    if (step.phase === 'done') return { result: 'done' };
    if (step.phase === 'failed')
      return {
        result: detailText(step, 'result') === 'rejected' ? 'rejected' : 'failed',
        code: codeOf(step, ErrorCode.TELEMETRY_COMMAND_FAILED),
      };
  }
  return { result: 'rejected', code: ErrorCode.TELEMETRY_COMMAND_STATE_UNKNOWN };
}

/**
 * What the journal recorded of command `commandId`, or undefined when it holds none (never started
 * here, or gone with the journal's retention, long past a command's expiry). Two reads by index: the
 * command's oldest transaction by its session id, then its steps.
 */
export async function commandRecordOf(
  db: DataSource,
  stepsOf: (transactionId: string) => Promise<readonly JournaledStep[]>,
  commandId: string,
): Promise<CommandOutcome | undefined> {
  const first = await db.getRepository(JournalTransaction).findOne({
    where: { sessionId: commandId, journey: FLEET_COMMAND_JOURNEY },
    order: { serial: 'ASC' },
  });
  return first ? commandOutcomeOf(await stepsOf(first.id)) : undefined;
}
