/**
 * Fault: a withdrawal left its notes in the presenter and told recovery, which reads the journal to
 * note them; that read failing was a floating promise (`void ...notesLeftInPresenter(serial)`): an
 * unhandled rejection, which stops a Node 20 process, the daemon with it. Now it is said in the log
 * with its code, and the daemon goes on (the notes are journaled; the next boot or staff settle them).
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { tellNotesLeft } from './session-journeys.js';

const recoveryWhoseJournalFails = (): Pick<ModuleRef, 'get'> =>
  ({
    get: () => ({
      notesLeftInPresenter: () =>
        Promise.reject(new KioskError(ErrorCode.JOURNAL_READ_FAILED, 'The journal could not be read.')),
    }),
  }) as unknown as Pick<ModuleRef, 'get'>;

afterEach(() => {
  jest.restoreAllMocks();
});

describe('telling recovery of notes left in the presenter', () => {
  it('fault: notes left told unhandled: a journal read failing is logged with its code, no unhandled rejection', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      tellNotesLeft(recoveryWhoseJournalFails(), 'w-notes-left');
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    const said = errors.mock.calls.map((call) => String(call[0]));
    expect(said).toEqual([expect.stringContaining('w-notes-left')]);
    expect(said[0]).toContain(ErrorCode.JOURNAL_READ_FAILED);
  });

  it('nothing to tell without the module reference (unit specs of the journeys)', () => {
    expect(() => tellNotesLeft(undefined, 'w-1')).not.toThrow();
  });
});
