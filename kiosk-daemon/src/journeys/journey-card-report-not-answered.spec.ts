/**
 * Fault: the card making's own report to the office (`host.issued`) was lost when the office did
 * not answer it. The resident took the new card (journaled `card.taken`, counted issued), the
 * office timed out on "issued", and the session closed the transaction: recovery settles only the
 * transactions left open, and only its own report (`recovery.host.issued`) was sent again. The
 * office never learned the card was issued: the card could not be activated, and the application
 * stayed open with its number reserved, so the resident's next card making made a second card with
 * that same number (the old card of a replacement never cancelled). Now the journey's report is
 * owed as recovery's is (`owed-host-acts.ts`): not answered, it goes to the background tries under
 * the same idempotency key (the transaction and the outcome); a restart before the office answered
 * has the next boot send it again (`CardMakingReports`). The office applies it once.
 *
 * The real journal (SQLite in memory), the journey's report actor as the daemon provides it, the
 * real background tries and recovery at boot; the office is a fake that applies a report once per
 * idempotency key, as the host does.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError, maskCardNumber } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { JournaledHostRetries } from '../host/journaled-host-retries.js';
import {
  cardGoneDevices,
  hostWithoutWithdrawals,
  journalsPerSpec,
  recoverAtBoot,
} from './boot-recovery.spec-support.js';
import { CardMakingReports } from './card-making-reports.js';
import { provideIssueCardJourney, type IssueCardJourneyDeps } from './issue-card-journey.js';
import { runInScope } from './run-in-scope.spec-support.js';
import { SessionScope, SessionScopes } from './session-scope.js';

const CARD = 'H41080000555';
const APPLICATION = 'A0000055';

const journals = journalsPerSpec();
const devices = cardGoneDevices();
const host = hostWithoutWithdrawals();

async function world() {
  const opened = await journals.open();
  const { journal } = opened;
  const office = { answer: 'timeout' as 'ok' | 'timeout' | 'hang', calls: 0, applied: [] as string[] };
  const issuance = {
    reportIssuance: async (applicationNo: string, report: { outcome: string }, serial: string) => {
      office.calls += 1;
      if (office.answer === 'hang') return new Promise(() => undefined);
      if (office.answer === 'timeout') throw new KioskError(ErrorCode.HOST_TIMEOUT, 'The office timed out.');
      const key = `${applicationNo}:${serial}:issued:${report.outcome}`;
      if (!office.applied.includes(key)) office.applied.push(key);
      return {};
    },
  } as unknown as IssuanceHostService;
  const retriesOf = () => journals.retries(journal);
  /** a card making up to the card taken from the slot, its report to the office by the journey's actor */
  const cardTaken = async (retries: JournaledHostRetries) => {
    const tx = await journal.openTransaction('s1', 'issueCard');
    await journal.sealPersonalData(tx, 'cardNumber', CARD);
    await journal.recordStep(tx, 'issuance.order', 'event', {
      attempt: 1,
      card: maskCardNumber(CARD),
      applicationNo: APPLICATION,
    });
    for (const step of ['card.feed', 'chip.personalise', 'card.print', 'card.present']) {
      await journal.recordStep(tx, step, 'intent');
      await journal.recordStep(tx, step, 'done');
    }
    const scopes = new SessionScopes();
    const scope = new SessionScope(journal, { transactionId: tx, locale: () => 'en', send: () => undefined });
    const deps = {
      issuance,
      journal,
      retries,
      cardMaking: { setStage: () => undefined },
    } as unknown as IssueCardJourneyDeps;
    const actors = provideIssueCardJourney(deps, scopes.of).implementations.actors;
    const reported = runInScope(scopes, scope, actors.reportIssuance, {
      sessionId: 's1',
      applicationId: APPLICATION,
      result: 'issued',
      cardNumber: CARD,
    });
    return { tx, reported };
  };
  const boot = async () => {
    const retries = retriesOf();
    const cardReports = new CardMakingReports(journal, opened.db, retries, issuance);
    await recoverAtBoot(journal, devices, host, { issuance, cardReports, retries });
    return retries;
  };
  const reports = async (tx: string) =>
    (await journal.stepsOf(tx))
      .filter((s) => s.step.endsWith('host.issued'))
      .map((s) => `${s.step}:${s.phase}`);
  return { journal, office, retriesOf, cardTaken, boot, reports };
}

const issuedOnce = (tx: string) => [`${APPLICATION}:${tx}:issued:issued`];

describe("the card making's report of the card taken, not answered by the office", () => {
  it('fault: the office times out on it and the session closes: the next boot tells it issued, once', async () => {
    const w = await world();
    const running = w.retriesOf();
    const { tx, reported } = await w.cardTaken(running);
    await reported.catch(() => undefined);
    // the kiosk stops before the office is back (its tries end with it); the session closed the transaction
    running.onApplicationShutdown();
    await w.journal.closeTransaction(tx, 'completed', null);
    w.office.answer = 'ok';
    await w.boot();
    await eventually(async () => w.office.applied.length > 0, 'the office told', { withinMs: 5_000 });
    expect(w.office.applied).toEqual(issuedOnce(tx));
    expect((await w.reports(tx)).at(-1)).toBe('host.issued:done');
    // the next boot finds nothing owed
    const calls = w.office.calls;
    await w.boot();
    expect(w.office.calls).toBe(calls);
  });

  it('fault: the office times out on it in the session: the background tries tell it issued, once', async () => {
    const w = await world();
    const { tx, reported } = await w.cardTaken(w.retriesOf());
    // the card is the resident's: the session is not failed for the office's silence
    await reported;
    w.office.answer = 'ok';
    await eventually(async () => w.office.applied.length > 0, 'the office told', { withinMs: 5_000 });
    await eventually(async () => (await w.reports(tx)).at(-1) === 'host.issued:done', 'journaled done', {
      withinMs: 5_000,
    });
    expect(w.office.applied).toEqual(issuedOnce(tx));
    expect(await w.reports(tx)).toEqual(['host.issued:intent', 'host.issued:failed', 'host.issued:done']);
  });

  it('the kiosk dies while the office is asked: the boot decides the card making and tells it issued, once', async () => {
    const w = await world();
    w.office.answer = 'hang';
    const { tx } = await w.cardTaken(w.retriesOf());
    await eventually(async () => w.office.calls === 1, 'the office asked', { withinMs: 5_000 });
    w.office.answer = 'ok';
    await w.boot();
    await eventually(async () => w.office.applied.length > 0, 'the office told', { withinMs: 5_000 });
    expect(w.office.applied).toEqual(issuedOnce(tx));
    const calls = w.office.calls;
    await w.boot();
    expect(w.office.calls).toBe(calls);
  });
});
