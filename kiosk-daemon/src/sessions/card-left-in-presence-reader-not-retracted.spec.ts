/**
 * Fault: a resident who did not take the card from a motorless ("presence") reader's slot: the
 * session asked the reader to retract it, the reader (no capture bin) refused, and the card was
 * journaled `card.unaccounted` "kept for staff" while it stuck out of the slot; the wait for it after
 * the session gave up at the take timeout (`where: atSlot, captureBin: false`), so when someone took
 * it later nothing said so. Now the session asks the reader's capability: no retract is asked, the
 * card is journaled as left in the slot (`card.leftInSlot`, the session closed CARD_LEFT_IN_SLOT),
 * the kiosk holds the card journeys back (CARD_LEFT_IN_READER: no next session reads the card as its
 * own), and the wait goes on past the take timeout until the card is taken, journaled
 * (`recovery.slotCard` taken, in the wait's own transaction under the session's id), the card
 * journeys offered again (CARD_LEFT_CLEARED).
 *
 * The daemon's session machine and actors, the session's end (SessionEnds with the slot-card
 * service and the card-left watch), the real journal (SQLite in memory), and the reader as
 * `PcscCardReader` makes it for a reader without a motor (`MotorisedCardReader` on the
 * `PresenceCardMechanism`), pcscd's presence stood in for.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import type { DeviceStatus } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { waitFor } from 'xstate';
import type { DevicesService } from '../devices/devices.service.js';
import { cancelledBalanceSession, sessionActorsOn } from './card-reader-session.spec-support.js';
import type { RunningSession } from './running-session.js';
import { pcscdStandIn, presenceReaderOn } from './pcscd-presence-stand-in.spec-support.js';
import { endsWatchingCardLeft, takeTimeoutsOf } from './presence-boot-recovery.spec-support.js';
import { LEFT_AT_SLOT_JOURNEY } from './slot-card-journal.js';
import { SlotCardRecovery } from './slot-card-recovery.js';

const CARD_TAKE_MS = 30_000;
/** the slot-card wait's take timeout: short, so that the spec sees it pass several times */
const SLOT_TAKE_MS = 40;
const cleanups: (() => Promise<unknown> | unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A plain PC/SC reader online with the resident's card pushed in: `pull` is the resident pulling
 * it, `lose` pcscd (or the reader) going, `back` its first status when it is back.
 */
async function presenceReaderWithCard() {
  const pcscd = pcscdStandIn();
  const reader = presenceReaderOn(pcscd);
  await reader.open();
  cleanups.push(() => reader.close());
  pcscd.list(true);
  const say = pcscd.say;
  return { reader, pull: () => say(false), lose: () => say(undefined), back: () => say(true) };
}

async function sessionNotTakenOnPresenceReader() {
  const { reader, pull, lose, back } = await presenceReaderWithCard();
  const { journal, factory, db } = await sessionActorsOn(reader);
  const devices = { cardReader: reader, statuses: (): DeviceStatus[] => [reader.status()] };
  const config = { timeouts: { cardTakeMs: SLOT_TAKE_MS } } as KioskConfig;
  const slotCard = new SlotCardRecovery(devices as unknown as DevicesService, journal, config);
  cleanups.push(() => slotCard.onApplicationShutdown());
  const { ends, kiosk } = endsWatchingCardLeft(reader, journal, slotCard, cleanups);
  // the wait for the card at the slot listens anew after each take timeout: counted here
  const timeoutsPass = takeTimeoutsOf(reader);

  // the resident cancels while the card is read: the card goes back to the slot
  const { actor, clock, tx } = await cancelledBalanceSession(factory, journal, {
    cardTakeMs: CARD_TAKE_MS,
    cardMoveMs: 5_000,
    readerCaptures: () => reader.canCapture(),
  });
  await waitFor(actor, (s) => s.matches('takeCard'), { timeout: 2_000 });
  expect(reader.cardPosition()).toBe('atSlot');
  // the resident walks away: the take timeout passes
  clock.increment(CARD_TAKE_MS);
  await waitFor(actor, (s) => s.status === 'done', { timeout: 2_000 });
  const output = actor.getSnapshot().output;
  const running = { transactionId: tx, journey: 'balance', startedAt: Date.now(), release: () => undefined };
  await ends.settle(running as unknown as RunningSession, output);

  const steps = async (id: string) =>
    (await journal.stepsOf(id)).map((s) => `${s.step}:${s.phase}${s.detail ? ` ${s.detail}` : ''}`);
  type Row = { id: string; status: string; outcome: string | null; errorCode: string | null };
  const columns = `"id", "status", "outcome", "errorCode"`;
  const transaction = async (id: string): Promise<Row> =>
    ((await db.query(`SELECT ${columns} FROM "journal_transaction" WHERE "id" = ?`, [id])) as Row[])[0]!;
  /** the transaction of the wait for the card the session left at the slot (its only one) */
  const waitOf = async (): Promise<Row> => {
    const sql = `SELECT ${columns} FROM "journal_transaction" WHERE "journey" = ? AND "sessionId" = ?`;
    const rows = (await db.query(sql, [LEFT_AT_SLOT_JOURNEY, 's-1'])) as Row[];
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };
  return { reader, pull, lose, back, timeoutsPass, tx, output, kiosk, steps, transaction, waitOf };
}

describe('card left in a presence reader is not retracted', () => {
  it('card-left-in-presence-reader-not-retracted: no retract asked, journaled left in the slot, card journeys held back until it is taken, its removal journaled', async () => {
    const k = await sessionNotTakenOnPresenceReader();
    expect(k.output).toMatchObject({
      outcome: 'failed',
      cardLeftInSlot: true,
      error: { code: 'CARD_LEFT_IN_SLOT' },
    });
    const sessionSteps = await k.steps(k.tx);
    expect(sessionSteps.filter((s) => /^card\.(eject|retract|unaccounted|leftInSlot)/.test(s))).toEqual([
      'card.eject:intent',
      'card.eject:done',
      'card.leftInSlot:event {"readerSays":"atSlot","captureBin":false,"forStaff":true}',
    ]);
    expect(await k.transaction(k.tx)).toMatchObject({ outcome: 'failed', errorCode: 'CARD_LEFT_IN_SLOT' });
    expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER']);

    // several take timeouts of the wait pass: the card is still waited for, nothing more journaled
    await k.timeoutsPass(3);
    const wait = await k.waitOf();
    expect(wait.status).toBe('open');
    expect(await k.steps(wait.id)).toEqual([
      `recovery.slotCard:event {"where":"atSlot","takeMs":${SLOT_TAKE_MS}}`,
    ]);
    expect(k.reader.cardPosition()).toBe('atSlot');
    expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER']);

    // someone takes the card from the slot: journaled, the card journeys offered again
    k.pull();
    await eventually(async () => (await k.transaction(wait.id)).status, 'the wait closed', {
      withinMs: 5_000,
      until: (status) => status !== 'open',
    });
    expect(await k.transaction(wait.id)).toMatchObject({ outcome: 'completed', errorCode: null });
    expect(await k.steps(wait.id)).toEqual([
      `recovery.slotCard:event {"where":"atSlot","takeMs":${SLOT_TAKE_MS}}`,
      'recovery.slotCard:event {"where":"taken"}',
    ]);
    expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER', 'CARD_LEFT_CLEARED']);
    expect(k.reader.cardPosition()).toBe('none');
  });

  it('card left in a presence reader while pcscd restarts: still waited for (the reader gone moved no card), its removal journaled', async () => {
    const k = await sessionNotTakenOnPresenceReader();
    await k.timeoutsPass(1);
    k.lose();
    expect(k.reader.cardPosition()).toBe('unknown');
    await k.timeoutsPass(2);
    const wait = await k.waitOf();
    expect(wait.status).toBe('open');
    k.back();
    expect(k.reader.cardPosition()).toBe('atSlot');
    await k.timeoutsPass(1);
    expect((await k.waitOf()).status).toBe('open');
    k.pull();
    await eventually(async () => (await k.transaction(wait.id)).status, 'the wait closed', {
      withinMs: 5_000,
      until: (status) => status !== 'open',
    });
    expect(await k.steps(wait.id)).toEqual([
      `recovery.slotCard:event {"where":"atSlot","takeMs":${SLOT_TAKE_MS}}`,
      'recovery.slotCard:event {"where":"taken"}',
    ]);
    expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER', 'CARD_LEFT_CLEARED']);
  });
});
