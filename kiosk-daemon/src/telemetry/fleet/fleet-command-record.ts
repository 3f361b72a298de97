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
 * A transaction under the id with no `fleet.` step at all (opened, then its intent refused by the
 * journal) is a command that did not run: the act comes only after its intent is written. It holds
 * nothing (closed so: TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE); the oldest transaction with such a step
 * decides, and a command with none runs when delivered again.
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

/** Started and not finished: it may have acted (see above). */
export const STARTED_NOT_FINISHED: CommandOutcome = {
  result: 'rejected',
  code: ErrorCode.TELEMETRY_COMMAND_STATE_UNKNOWN,
};

/** Not run: the journal refused it before its intent was written, or could not be read for it. */
export const NOT_RUN_JOURNAL_UNAVAILABLE: CommandOutcome = {
  result: 'rejected',
  code: ErrorCode.TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE,
};

const isFleetStep = (step: JournaledStep): boolean => step.step.startsWith('fleet.');

/** The answer a fleet command's journaled steps give (see above); never throws. */
export function commandOutcomeOf(steps: readonly JournaledStep[]): CommandOutcome {
  if (!steps.some(isFleetStep)) return NOT_RUN_JOURNAL_UNAVAILABLE;
  for (const step of steps) {
    if (step.step === FLEET_REFUSED_STEP)
      return { result: 'rejected', code: codeOf(step, ErrorCode.TELEMETRY_COMMAND_FAILED) };
    if (!isFleetStep(step)) continue;
    if (step.phase === 'done') return { result: 'done' };
    if (step.phase === 'failed')
      return {
        result: detailText(step, 'result') === 'rejected' ? 'rejected' : 'failed',
        code: codeOf(step, ErrorCode.TELEMETRY_COMMAND_FAILED),
      };
  }
  return STARTED_NOT_FINISHED;
}

/**
 * What the journal recorded of command `commandId`, or undefined when it holds none (never started
 * here, only refused by the journal before its intent, or gone with the journal's retention, long
 * past a command's expiry). Reads by index: the command's transactions by its session id, oldest
 * first, then their steps until one has a `fleet.` step (two reads for a command journaled once).
 */
export async function commandRecordOf(
  db: DataSource,
  stepsOf: (transactionId: string) => Promise<readonly JournaledStep[]>,
  commandId: string,
): Promise<CommandOutcome | undefined> {
  const held = await db.getRepository(JournalTransaction).find({
    select: { id: true },
    where: { sessionId: commandId, journey: FLEET_COMMAND_JOURNEY },
    order: { serial: 'ASC' },
  });
  for (const { id } of held) {
    const steps = await stepsOf(id);
    if (steps.some(isFleetStep)) return commandOutcomeOf(steps);
  }
  return undefined;
}
