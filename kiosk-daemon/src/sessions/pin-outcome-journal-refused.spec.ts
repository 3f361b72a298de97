/**
 * The fault to keep away now that a PIN's verdict and the outcome owed to the host are one journal
 * commit: a journal that refuses it (stopping, a full disk) must neither keep the outcome from the
 * host (its count of wrong PINs is the point) nor let the session go on as if it was journaled
 * (the verdict's own commit failing ended the session before). The real host simulator over HTTP,
 * the daemon's host client and background tries, the real journal (SQLite in memory) stopping.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { demoResident, ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { journalStopOf } from '../journal/journal-stop.js';
import { pinOutcomeHostForEachTest } from './pin-outcome-host.spec-support.js';

const zhang = demoResident('zhang')!;

describe('fault: a PIN outcome the journal refused is lost to the host or goes on unjournaled', () => {
  const world = pinOutcomeHostForEachTest();
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('the journal stopping as a wrong PIN is journaled: the session gets the refusal, the host the wrong PIN', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const { db, reports, transactionId: tx } = await world.session();
    await journalStopOf(db).stop(20);

    await expect(
      reports.tell({ transactionId: tx }, zhang.cardNumber, { result: 'wrong', attemptsLeft: 2 }, 1),
    ).rejects.toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED });
    const told = () => world.told(zhang.cardNumber);
    await eventually(() => told().length, 'the PIN outcome told to the host', {
      withinMs: 5_000,
      everyMs: 20,
    });
    expect(told()).toHaveLength(1);
  });
});
