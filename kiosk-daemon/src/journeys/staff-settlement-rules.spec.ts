/**
 * The staff settlement rules both kinds share (ADR 0010), on a real journal (SQLite in memory):
 * only what recovery left for staff, a verdict that stands, the same one again while the host is
 * silent (journaled once), a journaled verdict carried through at boot; and the one point where the
 * kinds differ on purpose, a journaled verdict that does not read, under each policy.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { z } from 'zod';
import type { BootHost } from '../host/journaled-host-retries.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { JournalService } from '../journal/journal.service.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import {
  admitStaffVerdict,
  journaledVerdictOf,
  journalStaffVerdict,
  resumeJournaledVerdict,
  STAFF_VERDICT_STEP,
  type StaffSettlementKind,
  type UnreadableVerdictPolicy,
} from './staff-settlement-rules.js';

const VERDICTS = ['paid', 'notPaid'] as const;
type Verdict = (typeof VERDICTS)[number];

function kindWith<P extends UnreadableVerdictPolicy>(unreadable: P): StaffSettlementKind<Verdict, P> {
  return {
    journeys: new Set(['withdraw']),
    verdictField: 'verdict',
    verdicts: z.enum(VERDICTS),
    unreadable,
    what: 'withdrawal',
    toldTo: 'host',
    notFound: 'No withdrawal left for staff has this transaction number.',
  };
}
const AS_NONE = kindWith('asNone');
const LEFT_FOR_STAFF = kindWith('leftForStaff');
const POLICIES = [
  ['asNone', AS_NONE],
  ['leftForStaff', LEFT_FOR_STAFF],
] as const;

let db: DataSource;
let journal: JournalService;

beforeEach(async () => ({ db, journal } = await openMemoryJournal()));
afterEach(async () => db.destroy());

/** An open transaction of `journey`, left for staff unless told otherwise. */
async function leftForStaff(journey = 'withdraw', needsStaff = true): Promise<string> {
  const tx = await journal.openTransaction(`session-${Math.random()}`, journey);
  if (needsStaff) await journal.recordStep(tx, 'recovery.needsStaff', 'event', { reason: 'unknown' });
  return tx;
}

/** A verdict journaled as a daemon would, or one of another form (a value this daemon does not know). */
const verdictJournaled = (tx: string, verdict: string) =>
  journalStaffVerdict(journal, tx, { verdict, staff: 'FS-0002' });

const close = (tx: string) => journal.closeTransaction(tx, 'interrupted', ErrorCode.SESSION_INTERRUPTED);

async function refusal(work: Promise<unknown>): Promise<KioskError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KioskError)) throw new Error(`expected a KioskError, got ${String(error)}`);
  return error;
}

const stepsNamed = async (tx: string, step: string) =>
  (await journal.stepsOf(tx)).filter((s) => s.step === step).length;

describe('the verdict journaled', () => {
  it.each(POLICIES)(
    '%s: none given reads as none, a verdict as itself, the last one counts',
    async (_, kind) => {
      const tx = await leftForStaff();
      expect(journaledVerdictOf(kind, await journal.stepsOf(tx))).toBeUndefined();
      await verdictJournaled(tx, 'notPaid');
      await verdictJournaled(tx, 'paid');
      expect(journaledVerdictOf(kind, await journal.stepsOf(tx))).toBe('paid');
    },
  );

  it('fault: a verdict that does not read: as none under asNone, unreadable under leftForStaff', async () => {
    const tx = await leftForStaff();
    await verdictJournaled(tx, 'halfPaid');
    const steps = await journal.stepsOf(tx);
    expect(journaledVerdictOf(AS_NONE, steps)).toBeUndefined();
    expect(journaledVerdictOf(LEFT_FOR_STAFF, steps)).toBe('unreadable');
  });

  it('fault: a verdict step without the verdict field: as none under asNone, unreadable under leftForStaff', async () => {
    const tx = await leftForStaff();
    await journal.recordStep(tx, STAFF_VERDICT_STEP, 'event', { staff: 'FS-0002' });
    const steps = await journal.stepsOf(tx);
    expect(journaledVerdictOf(AS_NONE, steps)).toBeUndefined();
    expect(journaledVerdictOf(LEFT_FOR_STAFF, steps)).toBe('unreadable');
  });
});

describe('a staff verdict admitted or refused', () => {
  it.each(POLICIES)('%s: the first verdict is admitted, to be journaled', async (_, kind) => {
    const tx = await leftForStaff();
    const admitted = await admitStaffVerdict(journal, kind, tx, 'paid');
    expect(admitted).toMatchObject({ given: undefined, toJournal: true });
    expect(admitted.steps.map((s) => s.step)).toContain('recovery.needsStaff');
  });

  it.each(POLICIES)(
    '%s: the same verdict again while the host is silent is admitted, not journaled twice',
    async (_, kind) => {
      const tx = await leftForStaff();
      await verdictJournaled(tx, 'paid');
      expect(await admitStaffVerdict(journal, kind, tx, 'paid')).toMatchObject({
        given: 'paid',
        toJournal: false,
      });
    },
  );

  it.each(POLICIES)(
    '%s: fault: another verdict than the one given is refused MAINTENANCE_ALREADY_SETTLED',
    async (_, kind) => {
      const tx = await leftForStaff();
      await verdictJournaled(tx, 'paid');
      const error = await refusal(admitStaffVerdict(journal, kind, tx, 'notPaid'));
      expect(error.code).toBe(ErrorCode.MAINTENANCE_ALREADY_SETTLED);
      expect(error.message).toBe(
        'A verdict was given for this withdrawal already; only that one can be sent to the host again.',
      );
      expect(error.details).toMatchObject({ transactionId: tx, verdict: 'paid' });
    },
  );

  it.each(POLICIES)(
    '%s: fault: any verdict once closed with a verdict is refused MAINTENANCE_ALREADY_SETTLED',
    async (_, kind) => {
      const tx = await leftForStaff();
      await verdictJournaled(tx, 'paid');
      await close(tx);
      const error = await refusal(admitStaffVerdict(journal, kind, tx, 'paid'));
      expect(error.code).toBe(ErrorCode.MAINTENANCE_ALREADY_SETTLED);
      expect(error.message).toBe('This withdrawal was settled already.');
    },
  );

  it.each(POLICIES)('%s: fault: a transaction not left for staff is SESSION_NOT_FOUND', async (_, kind) => {
    const notLeft = await leftForStaff('withdraw', false);
    const otherJourney = await leftForStaff('issueCard');
    const closedWithout = await leftForStaff();
    await close(closedWithout);
    for (const tx of [notLeft, otherJourney, closedWithout, 'no-such-transaction']) {
      const error = await refusal(admitStaffVerdict(journal, kind, tx, 'paid'));
      expect(error.code).toBe(ErrorCode.SESSION_NOT_FOUND);
      expect(error.message).toBe(kind.notFound);
    }
  });

  it.each(POLICIES)(
    '%s: fault: a journaled verdict that does not read: either verdict is admitted and journaled anew',
    async (policy, kind) => {
      const tx = await leftForStaff();
      await verdictJournaled(tx, 'halfPaid');
      for (const verdict of VERDICTS) {
        expect(await admitStaffVerdict(journal, kind, tx, verdict)).toMatchObject({
          given: policy === 'asNone' ? undefined : 'unreadable',
          toJournal: true,
        });
      }
    },
  );

  it('fault: a closed transaction whose verdict does not read: SESSION_NOT_FOUND under asNone, MAINTENANCE_ALREADY_SETTLED under leftForStaff', async () => {
    const tx = await leftForStaff();
    await verdictJournaled(tx, 'halfPaid');
    await close(tx);
    expect((await refusal(admitStaffVerdict(journal, AS_NONE, tx, 'paid'))).code).toBe(
      ErrorCode.SESSION_NOT_FOUND,
    );
    const error = await refusal(admitStaffVerdict(journal, LEFT_FOR_STAFF, tx, 'paid'));
    expect(error.code).toBe(ErrorCode.MAINTENANCE_ALREADY_SETTLED);
    expect(error.details).toMatchObject({ verdict: 'unreadable' });
  });

  it('journalStaffVerdict journals the verdict step with its detail', async () => {
    const tx = await leftForStaff();
    await journalStaffVerdict(journal, tx, { verdict: 'notPaid', staff: 'FS-0002' });
    expect(await stepsNamed(tx, STAFF_VERDICT_STEP)).toBe(1);
    expect(journaledVerdictOf(LEFT_FOR_STAFF, await journal.stepsOf(tx))).toBe('notPaid');
  });
});

describe('a journaled verdict resumed at boot', () => {
  const carryOut = jest.fn(async (given: Verdict) => `carried ${given}`);
  beforeEach(() => {
    carryOut.mockClear();
  });

  it.each(POLICIES)('%s: no verdict: undefined, recovery decides as usual', async (_, kind) => {
    const tx = await leftForStaff();
    expect(await resumeJournaledVerdict(journal, kind, tx, undefined, carryOut)).toBeUndefined();
    expect(carryOut).not.toHaveBeenCalled();
  });

  it.each(POLICIES)('%s: a verdict is carried through as given', async (_, kind) => {
    const tx = await leftForStaff();
    await verdictJournaled(tx, 'notPaid');
    expect(await resumeJournaledVerdict(journal, kind, tx, undefined, carryOut)).toEqual({
      settled: true,
      result: 'carried notPaid',
    });
    expect(carryOut).toHaveBeenCalledTimes(1);
    expect(carryOut.mock.calls[0]?.[0]).toBe('notPaid');
  });

  it.each(POLICIES)(
    '%s: fault: the host does not answer: not settled, left for staff, the host marked away for the boot',
    async (_, kind) => {
      const tx = await leftForStaff();
      await verdictJournaled(tx, 'paid');
      const boot: BootHost = { away: false };
      const silent = async (): Promise<string> => {
        throw new KioskError(ErrorCode.HOST_UNREACHABLE, 'The host did not answer.');
      };
      expect(await resumeJournaledVerdict(journal, kind, tx, boot, silent)).toEqual({ settled: false });
      expect(boot.away).toBe(true);
    },
  );

  it('fault: a journaled verdict that does not read: recovery decides under asNone, left for staff under leftForStaff', async () => {
    const tx = await leftForStaff();
    await verdictJournaled(tx, 'halfPaid');
    expect(await resumeJournaledVerdict(journal, AS_NONE, tx, undefined, carryOut)).toBeUndefined();
    expect(await resumeJournaledVerdict(journal, LEFT_FOR_STAFF, tx, undefined, carryOut)).toEqual({
      settled: false,
    });
    expect(carryOut).not.toHaveBeenCalled();
  });
});
