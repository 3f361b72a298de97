/**
 * The fault: the commit of a PIN's verdict and the outcome owed to the host failing ambiguously
 * (the store committed it, the kiosk saw an error: a PostgreSQL link cut before the commit's answer).
 * The outcome was told to the host all the same, and journaled owed again before its try
 * (`journaledLate`), so the transaction held two intents for the one entry: nothing sent twice, but
 * its intents outnumbered its answers for ever, so every boot read it again as one that may owe the
 * host, and retention kept it. Now the late journaling first reads whether the outcome's intent is
 * there (the commit did happen): then it is journaled, and not written again.
 *
 * The real host simulator over HTTP, the daemon's host client and background tries, the real
 * journal (SQLite in memory) whose intent's commit is made, then answered with an error.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { demoResident, ErrorCode, KioskError } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { pinReportsKey } from '../journeys/pin-reports-key.js';
import { OWED_ACT_KINDS } from '../journal/owed-host-acts.js';
import { transactionsMayOwe } from '../journal/unfinished-acts.js';
import { pinOutcomeHostForEachTest } from './pin-outcome-host.spec-support.js';
import { PIN_OUTCOME_STEP } from './pin-outcome-to-host.js';

const zhang = demoResident('zhang')!;

describe('pin-outcome-commit-ambiguous', () => {
  const world = pinOutcomeHostForEachTest();
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('fault: the commit of a wrong PIN made but answered with an error: a second intent journaled for the same outcome, the transaction read at every boot', async () => {
    const { db, journal, retries, reports, transactionId: tx } = await world.session();
    // the store commits the outcome's intent (with the verdict and the card number), then the
    // kiosk hears an error for it, once
    const recordStep = journal.recordStep.bind(journal);
    let ambiguous = true;
    jest.spyOn(journal, 'recordStep').mockImplementation(async (...args) => {
      await recordStep(...args);
      if (ambiguous && args[1] === PIN_OUTCOME_STEP && args[2] === 'intent') {
        ambiguous = false;
        throw new KioskError(
          ErrorCode.JOURNAL_WRITE_FAILED,
          'The journal link dropped before the commit answered.',
        );
      }
    });

    await expect(
      reports.tell({ transactionId: tx }, zhang.cardNumber, { result: 'wrong', attemptsLeft: 2 }, 1),
    ).rejects.toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED });
    const told = () => world.told(zhang.cardNumber);
    // the card's reports sent and answered (its key let go once the answer is journaled)
    const sending = () => told().length === 0 || retries.owns(pinReportsKey(zhang.cardNumber));
    await eventually(() => !sending(), "the card's reports sent and answered", {
      withinMs: 5_000,
      everyMs: 20,
    });
    // the session ends: the host's answer, held for the transaction's next write, goes with its close
    await journal.closeTransaction(tx, 'failed', ErrorCode.JOURNAL_WRITE_FAILED);
    const outcomeSteps = (await journal.stepsOf(tx)).filter((s) => s.step === PIN_OUTCOME_STEP);
    // told once, journaled owed once and answered once: nothing left for a boot to read
    expect(told()).toHaveLength(1);
    expect(outcomeSteps.map((s) => s.phase)).toEqual(['intent', 'done']);
    expect((await journal.stepsOf(tx)).filter((s) => s.step === 'pin.verify')).toHaveLength(1);
    expect(await transactionsMayOwe(db, OWED_ACT_KINDS.pinOutcome)).toEqual([]);
  });
});
