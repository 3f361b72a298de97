/**
 * Fault: card-claimed-by-no-transaction-after-crash-in-next-journey. A session that runs a further
 * journey at "anything else?" keeps its card and gives the journey a journal transaction of its own
 * (ADR 0028): the card's `card.read` stays in the first journey's transaction, closed at the switch,
 * and the new one holds no card step until the card moves. Boot recovery gave the card inside the
 * reader to the newest open transaction only when that transaction took a card in, so after a crash
 * (a power cut, the daemon killed) during the second journey, in a reader without a motor, the
 * session's card was claimed by no transaction: handed back as a stray card found inside (a
 * transaction of its own, the card journeys not held back for it) instead of being journaled left in
 * the slot under the session and waited for; the reader listed late was not even waited for. In a
 * motorised reader the card was captured under the newest transaction, but one the capture bin could
 * not take was accounted for without its number.
 *
 * Now boot reads the card's story across the newest open transaction's session (its transactions
 * open or closed): the card is that session's, journaled once, in the newest transaction, with the
 * number its session read, whichever of its journeys the crash fell in.
 *
 * The real journal (SQLite), boot recovery and the slot-card service as the daemon wires them; the
 * reader without a motor as `PcscCardReader` makes it (pcscd's side stood in for), the motorised one
 * the emulator keeping its card in its state file across the restart.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { EmulatedCardReader, cardReaderStateFile } from '@kiosk/device-drivers';
import { DEFAULT_CARD_POSITION_WAIT_MS, DEMO_RESIDENTS } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { card, cleanupsAfterEach, SLOT_TAKE_MS, waitedFor } from './presence-before-restart.spec-support.js';
import {
  type BeforeRestart,
  expectWaitedUntilTaken,
  presenceBootRecovery,
  restartWith,
  resumedWait,
} from './presence-boot-recovery.spec-support.js';
import { STRAY_JOURNEYS } from './slot-card-journal.js';

const cleanups = cleanupsAfterEach();
const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

/** The balance read the card and was closed at the switch; the records run with it, cut short. */
const cutInNextJourney: BeforeRestart = async (journal) => {
  const balance = await journal.openTransaction('s-9', 'balance');
  await journal.recordStep(balance, 'card.read', 'event', { card });
  const records = await journal.openTransaction('s-9', 'records');
  await journal.closeTransaction(balance, 'completed', null);
  return records;
};

/** Cut in the switch itself: the records' transaction opened, the balance's close not written yet. */
const cutInSwitch: BeforeRestart = async (journal) => {
  const balance = await journal.openTransaction('s-8', 'balance');
  await journal.recordStep(balance, 'card.read', 'event', { card });
  return journal.openTransaction('s-8', 'records');
};

const leftAfterRestart = `card.leftInSlot:event {"after":"restart","readerSays":"inReader","captureBin":false,"card":"${card}","forStaff":true}`;

type Restarted = Awaited<ReturnType<typeof restartWith>>;

/** The card journaled once, left in the slot under the records (newest) transaction; no stray return. */
async function expectLeftInSlotUnderTheSession(k: Restarted): Promise<string> {
  expect((await k.steps(k.holder)).at(-1)).toBe(leftAfterRestart);
  const wait = await resumedWait(k);
  expect(await k.steps(wait)).toEqual([waitedFor(k.holder)]);
  expect((await k.allSteps()).filter((s) => s === 'card.leftInSlot')).toHaveLength(1);
  expect((await k.journeys()).filter((t) => STRAY_JOURNEYS.includes(t.journey))).toEqual([]);
  return wait;
}

describe('fault: card-claimed-by-no-transaction-after-crash-in-next-journey', () => {
  describe('a reader without a motor (presence): the card sticks out of its slot', () => {
    it.each([
      ['in the second journey (the balance closed)', cutInNextJourney, 1],
      ['in the switch (the balance not closed yet)', cutInSwitch, 2],
    ])(
      'cut %s: the card is the session’s, left in the slot under the records, journeys held back, waited for until taken',
      async (_, before, recovered) => {
        const k = await restartWith(before, { cardInSlot: true, cardTakeMs: SLOT_TAKE_MS }, cleanups);
        await expect(k.recovery.recoverUnfinished()).resolves.toMatchObject({
          recovered,
          cardsCaptured: 0,
          cardsLeftForStaff: 0,
        });
        const wait = await expectLeftInSlotUnderTheSession(k);
        expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER']);
        await expectWaitedUntilTaken(k, wait, waitedFor(k.holder));
      },
    );

    it('cut in the second journey, the reader listed late: waited for, then the card is the session’s', async () => {
      const warned = jest.spyOn(Logger.prototype, 'warn');
      cleanups.push(() => warned.mockRestore());
      const k = await restartWith(
        cutInNextJourney,
        { cardInSlot: undefined, cardTakeMs: SLOT_TAKE_MS, positionWaitMs: 30_000 },
        cleanups,
      );
      const recovered = k.recovery.recoverUnfinished();
      await eventually(() => warned.mock.calls.map(([m]) => String(m)), 'recovery waiting for the reader', {
        withinMs: 5_000,
        until: (lines) => lines.some((m) => m.includes('has not said whether a card is inside')),
      });
      k.list(true);
      await expect(recovered).resolves.toMatchObject({ recovered: 1, cardsLeftForStaff: 0 });
      await expectLeftInSlotUnderTheSession(k);
      expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER']);
    });
  });

  describe('a motorised reader: the card inside is captured', () => {
    /** The next boot with zhang's card inside the emulated reader, its capture bin holding `bin` of 50. */
    async function motorisedRestart(before: BeforeRestart, bin: number) {
      const dir = mkdtempSync(join(tmpdir(), 'card-in-next-journey-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const statePath = join(dir, 'card-reader.json');
      const state = {
        format: 1,
        position: 'inReader',
        cardId: zhang.key,
        captured: [],
        captureBinCount: bin,
      };
      writeFileSync(statePath, JSON.stringify(state));
      const { db, journal } = await openMemoryJournal();
      cleanups.push(() => db.destroy());
      const records = await before(journal);
      const reader = new EmulatedCardReader({
        today: new Date('2026-11-26'),
        captureBin: { capacity: 50 },
        stateFile: cardReaderStateFile(statePath),
      });
      await reader.open();
      cleanups.push(() => reader.close());
      // the wait for a card's position as a terminal without a reader entry has it
      const timing = { cardTakeMs: 50, positionWaitMs: DEFAULT_CARD_POSITION_WAIT_MS };
      const { recovery, slotCard } = presenceBootRecovery(reader, journal, timing, cleanups);
      const report = await recovery.recoverUnfinished();
      const slot = await slotCard.outcome();
      const where = reader.listCards().find((c) => c.cardId === zhang.key)?.location;
      const steps = async (id: string) =>
        (await journal.stepsOf(id)).map((s) => `${s.step}:${s.phase}${s.detail ? ` ${s.detail}` : ''}`);
      const all = (await db.query(`SELECT "step" FROM "journal_step"`)) as { step: string }[];
      const journeys = (await db.query(`SELECT "journey" FROM "journal_transaction"`)) as {
        journey: string;
      }[];
      return { report, slot, where, records, steps, all: all.map((s) => s.step), journeys };
    }

    it.each([
      ['in the second journey', cutInNextJourney],
      ['in the switch', cutInSwitch],
    ])('cut %s: captured once, under the records', async (_, before) => {
      const k = await motorisedRestart(before, 0);
      expect(k.report).toMatchObject({ cardsCaptured: 1, cardsLeftForStaff: 0 });
      expect(k.where).toBe('captured');
      expect(k.slot).toBe('none');
      expect((await k.steps(k.records)).slice(-2)).toEqual([
        'recovery.card.retract:intent',
        'recovery.card.retract:done',
      ]);
      expect(k.all.filter((s) => s === 'recovery.card.retract')).toHaveLength(2);
      expect(k.journeys.filter((t) => STRAY_JOURNEYS.includes(t.journey))).toEqual([]);
    });

    it('cut in the second journey, the capture bin full: accounted for under the records with the number its session read', async () => {
      const k = await motorisedRestart(cutInNextJourney, 50);
      expect(k.report).toMatchObject({ cardsCaptured: 0, cardsLeftForStaff: 1 });
      expect(k.where).toBe('inReader');
      const unaccounted = (await k.steps(k.records)).filter((s) => s.startsWith('card.unaccounted'));
      expect(unaccounted).toEqual([
        `card.unaccounted:event {"after":"retract","readerSays":"inReader","code":"DEVICE_BIN_FULL","card":"${card}","forStaff":true}`,
      ]);
    });
  });
});
