/**
 * The bound on host acts owed (ADR 0025). A closed transaction stays past `journal.retentionDays`
 * while a host act in it is owed (`owed-host-acts.ts`), so the boot can still send it; an act the
 * host never answers, or a release or reversal it refused for good (sent again at every boot),
 * would keep the transaction and its sealed personal data for ever. So once the transaction ended
 * `journal.owedActGraceDays` more days ago, each act still owed in it is given up: journaled
 * `failed` with `abandoned` (why, as a code: NOT_ANSWERED or REFUSED) and HOST_ACT_ABANDONED,
 * settled from then on for the resumes and retention alike; logged for staff and told to whoever
 * listens (the fleet link raises an alert, `host-acts-given-up-to-fleet.ts`, and the journal
 * records it told, `given-up-told.ts`); then retention removes the transaction, in the same run
 * without a fleet, with one once a monitor stored its alert (`given-up-alerted.ts`), or at the first
 * run after it was told should the kiosk stop before that. Journal first: a restart between
 * the give-up and the alert leaves the act settled and untold, and the next boot tells it.
 */
import { Logger } from '@nestjs/common';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { KioskConfig } from '@kiosk/config';
import type { EntityManager } from 'typeorm';
import { givenUpWhy, type GivenUpAct } from './given-up-act.js';
import { givenUpKey, untoldGivenUp } from './given-up-told.js';
import { closedBefore, removeRecordsBefore, retentionCutoff } from './journal-retention.js';
import type { DataSource } from './typeorm-runtime.js';
import { stepDetail } from './step-detail.js';
import { owedActsAmong } from './unfinished-acts.js';

/** The moment before which a transaction's owed acts are given up: retention and the grace before `now`. */
export function giveUpCutoff(config: Pick<KioskConfig, 'journal'>, now: Date): string {
  // the bench passes a config without a journal section: keep the schema's defaults then
  const journal = config.journal as KioskConfig['journal'] | undefined;
  const days = (journal?.retentionDays ?? 1825) + (journal?.owedActGraceDays ?? 90);
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

/** The acts still owed in closed transactions that ended before `cutoff`: those to give up. */
export async function owedActsPast(m: EntityManager, cutoff: string): Promise<GivenUpAct[]> {
  const found: GivenUpAct[] = [];
  for (const chunk of await closedBefore(m, cutoff)) {
    for (const { transactionId, kind, act, steps } of await owedActsAmong(m, chunk)) {
      const failed = steps.findLast(
        (s) =>
          s.step === act.step &&
          s.phase === 'failed' &&
          (act.attempt === undefined || stepDetail(s)['attempt'] === act.attempt),
      );
      const detail = stepDetail(failed);
      found.push({
        transactionId,
        kind,
        step: act.step,
        ...(act.attempt !== undefined && { attempt: act.attempt }),
        ...givenUpWhy(detail['triedAgain'] === false, detail['code']),
      });
    }
  }
  return found;
}

/** The step detail that gives an act up: settled for the resumes and retention (`givenUp`, a refusal that stands). */
export function givenUpDetail(act: GivenUpAct): Record<string, string | number | boolean> {
  return {
    code: ErrorCode.HOST_ACT_ABANDONED,
    abandoned: act.reason,
    triedAgain: false,
    ...(act.attempt !== undefined && { attempt: act.attempt }),
    ...(act.lastCode !== undefined && { lastCode: act.lastCode }),
  };
}

/**
 * The acts given up in this run or given up earlier and not yet told (`given-up-told.ts`), and who
 * is told of each: a listener added later (the fleet link starts after the journal's boot
 * retention) is told those before it, then each new one; it says each one told (`told`) once a
 * monitor stored its alert, which the journal records (`recordTold`), so a restart before that
 * (the broker away, the alert still queued) tells it again at the next boot.
 */
export class GivenUpActs {
  private readonly log = new Logger('Journal');
  private readonly acts: GivenUpAct[] = [];
  private readonly known = new Set<string>();
  private readonly listeners = new Set<(act: GivenUpAct) => void>();

  constructor(
    private readonly recordTold: (act: GivenUpAct) => Promise<void> = () => Promise.resolve(),
    /** removes the act's transaction when retention would (`given-up-alerted.ts`): whether it went */
    private readonly removeAlerted: (act: GivenUpAct) => Promise<boolean> = () => Promise.resolve(false),
  ) {}

  get all(): readonly GivenUpAct[] {
    return this.acts;
  }

  /** `listener` told of every act given up in this run, those before it first; returns its removal. */
  onGivenUp(listener: (act: GivenUpAct) => void): () => void {
    for (const act of this.acts) this.tell(listener, act);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  given(act: GivenUpAct): void {
    const which = act.attempt === undefined ? act.step : `${act.step} #${act.attempt}`;
    this.log.error(
      `${act.transactionId}: ${which} owed to the host past the retention and its grace, given up (${ErrorCode.HOST_ACT_ABANDONED}, ${act.reason}${act.lastCode ? `, last ${act.lastCode}` : ''}); staff must settle it with the host`,
    );
    this.add(act);
  }

  /** An act the journal says was given up earlier and not told (a crash came first): told now. */
  givenBefore(act: GivenUpAct): void {
    if (this.known.has(givenUpKey(act))) return;
    this.log.warn(
      `${act.transactionId}: ${act.step} given up earlier (${ErrorCode.HOST_ACT_ABANDONED}) and not yet told to the fleet: told now`,
    );
    this.add(act);
  }

  /** A monitor stored the alert of `act`: the journal records it told (logged, never thrown). */
  async told(act: GivenUpAct): Promise<void> {
    try {
      await this.recordTold(act);
    } catch (e) {
      // not journaled told: the transaction stays, and the next boot tells it again
      this.log.error(
        `${act.transactionId}: an act given up was told, not journaled so: ${KioskError.from(e).code}`,
      );
    }
  }

  /**
   * The fleet stored the alert of `act` (after `told`): its transaction goes now if retention would
   * remove it, not at the next boot (logged, never thrown: the next boot's retention removes it).
   */
  async alerted(act: GivenUpAct): Promise<void> {
    try {
      if (await this.removeAlerted(act))
        this.log.log(
          `${act.transactionId}: removed by retention once the fleet stored the alert of its act given up`,
        );
    } catch (e) {
      this.log.error(
        `${act.transactionId}: the fleet stored its alert, not removed now (the next boot's retention removes it): ${KioskError.from(e).code}`,
      );
    }
  }

  private add(act: GivenUpAct): void {
    this.known.add(givenUpKey(act));
    this.acts.push(act);
    for (const listener of this.listeners) this.tell(listener, act);
  }

  private tell(listener: (act: GivenUpAct) => void, act: GivenUpAct): void {
    try {
      listener(act);
    } catch (e) {
      this.log.error(`${act.transactionId}: an act given up was not told: ${KioskError.from(e).code}`);
    }
  }
}

/**
 * Gives up every act owed in a closed transaction that ended before `cutoff`: journaled first
 * (`record`, the journal's own write of the step), then told (`acts`). Returns how many.
 */
export async function giveUpOwedActs(
  m: EntityManager,
  cutoff: string,
  record: (act: GivenUpAct) => Promise<void>,
  acts: GivenUpActs,
): Promise<number> {
  const owed = await owedActsPast(m, cutoff);
  for (const act of owed) {
    await record(act);
    acts.given(act);
  }
  return owed.length;
}

/**
 * The journal's retention (`JournalService.applyRetention`): an act owed past the retention and its
 * grace given up first, journaled and told (ADR 0025); a given-up act the fleet was not yet told of
 * told, its transaction kept while a fleet is configured (the alert derives from the journal); then
 * what is older than the retention removed in one transaction. Returns how many transactions went.
 */
export async function retainWithin(
  db: Pick<DataSource, 'manager' | 'transaction'>,
  config: Pick<KioskConfig, 'journal' | 'fleet'>,
  acts: GivenUpActs,
  record: (act: GivenUpAct) => Promise<void>,
  now: Date,
): Promise<number> {
  const givingUp = giveUpCutoff(config, now);
  await giveUpOwedActs(db.manager, givingUp, record, acts);
  const untold = await untoldGivenUp(db.manager, givingUp);
  for (const act of untold) acts.givenBefore(act);
  const keep = new Set(config.fleet ? untold.map((a) => a.transactionId) : []);
  return db.transaction((m) => removeRecordsBefore(m, retentionCutoff(config, now), keep));
}
