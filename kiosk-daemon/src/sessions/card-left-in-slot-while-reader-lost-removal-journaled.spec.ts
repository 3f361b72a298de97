/**
 * Fault: a card left in a presence reader's slot while the reader was still lost (the resident's
 * cancel while pcscd restarts, the hand-back's wait past: `card.leftInSlot`, readerSays unknown)
 * had no slot-card wait: the slot-card service waited only for a reader saying 'atSlot', and this
 * one said 'unknown'. Its later removal freed the kiosk (CARD_LEFT_CLEARED) but was journaled
 * nowhere. Now the service waits (until shutdown) for the reader's first word: the card still
 * there is waited for as any card a session left at the slot (journey `cardLeftAtSlot`,
 * `recovery.slotCard` atSlot then taken), one gone meanwhile is journaled taken; the card journeys
 * stay held back until then.
 *
 * On the pcscd stand-in, with the daemon's session actors, session end and real journal
 * (`presence-reader-lost.spec-support.ts`).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import { cancelWhileReaderLost } from './presence-reader-lost.spec-support.js';
import { LEFT_AT_SLOT_JOURNEY } from './slot-card-journal.js';

const cleanups: (() => Promise<unknown> | unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The card left in the slot past the hand-back's wait, the reader still lost. */
async function cardLeftWhileReaderLost() {
  const k = await cancelWhileReaderLost(30, cleanups);
  const { output } = await k.settled();
  expect(output).toMatchObject({ cardLeftInSlot: true, error: { code: 'CARD_LEFT_IN_SLOT' } });
  expect(k.reader.cardPosition()).toBe('unknown');
  type Row = { id: string; status: string; outcome: string | null };
  /** the waits for the card the session (`s-1`) left at the slot, with their steps */
  const waits = async () => {
    const sql = `SELECT "id", "status", "outcome" FROM "journal_transaction" WHERE "journey" = ? AND "sessionId" = ?`;
    const rows = (await k.db.query(sql, [LEFT_AT_SLOT_JOURNEY, 's-1'])) as Row[];
    return Promise.all(
      rows.map(async (row) => ({
        ...row,
        steps: (await k.journal.stepsOf(row.id)).map((s) => `${s.step}:${s.phase} ${s.detail ?? ''}`),
      })),
    );
  };
  return { ...k, waits };
}

describe('a card left in a presence reader slot while the reader is lost', () => {
  it('card-left-in-slot-while-reader-lost-removal-journaled: pcscd back with the card: waited for, its removal journaled, journeys held back until then', async () => {
    const k = await cardLeftWhileReaderLost();
    k.pcscd.say(true); // pcscd back, the card still in the slot
    const waiting = await eventually(k.waits, 'the wait for the card opened', {
      withinMs: 2_000,
      until: (w) => w.length === 1 && w[0]!.steps.length === 1,
    });
    expect(waiting[0]).toMatchObject({ status: 'open' });
    expect(waiting[0]!.steps).toEqual([
      'recovery.slotCard:event {"where":"atSlot","takeMs":30000,"after":"readerLost"}',
    ]);
    expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER']);
    k.pcscd.say(false); // the resident pulls it out
    expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER', 'CARD_LEFT_CLEARED']);
    const ended = await eventually(k.waits, 'the removal journaled', {
      withinMs: 2_000,
      until: (w) => w[0]?.status === 'closed',
    });
    expect(ended[0]).toMatchObject({ outcome: 'completed' });
    expect(ended[0]!.steps).toEqual([
      'recovery.slotCard:event {"where":"atSlot","takeMs":30000,"after":"readerLost"}',
      'recovery.slotCard:event {"where":"taken"}',
    ]);
  });

  it('card-left-in-slot-while-reader-lost-removal-journaled: taken while the reader was lost: journaled taken when pcscd is back', async () => {
    const k = await cardLeftWhileReaderLost();
    k.pcscd.say(false); // pcscd back without the card: pulled out while it was gone
    expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER', 'CARD_LEFT_CLEARED']);
    const ended = await eventually(k.waits, 'the removal journaled', {
      withinMs: 2_000,
      until: (w) => w[0]?.status === 'closed',
    });
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ outcome: 'completed' });
    expect(ended[0]!.steps).toEqual(['recovery.slotCard:event {"where":"taken","after":"readerLost"}']);
  });
});
