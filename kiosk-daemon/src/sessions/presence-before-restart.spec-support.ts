/**
 * What an earlier run left in the journal before a restart with a card in a presence reader's slot
 * (`BeforeRestart`, for `restartWith` of `presence-boot-recovery.spec-support.ts`): each answers the
 * transaction the spec follows. How the wait that boot resumes reads in the journal, and the
 * cleanups a spec's boots register, run after each test.
 */
import { afterEach } from '@jest/globals';
import { DEMO_RESIDENTS, maskCardNumber } from '@kiosk/domain';
import type { BeforeRestart } from './presence-boot-recovery.spec-support.js';
import { LEFT_AT_SLOT_JOURNEY, STRAY_CARD_JOURNEY } from './slot-card-journal.js';

/** the slot-card wait's take timeout in these specs: short, so that a spec sees it pass several times */
export const SLOT_TAKE_MS = 40;
/** zhang's card number as a session journals it read (masked) */
export const card = maskCardNumber(DEMO_RESIDENTS.find((r) => r.key === 'zhang')!.cardNumber);

/** the wait boot resumes for a card `leftBy` a transaction, as journaled (a slot-card step) */
export const waitedFor = (leftBy: string): string =>
  `recovery.slotCard:event {"where":"atSlot","takeMs":${SLOT_TAKE_MS},"after":"restart","leftBy":"${leftBy}"}`;
/** the card's removal, as the slot-card wait journals it */
export const taken = 'recovery.slotCard:event {"where":"taken"}';

/** The cleanups a spec's boots push, run newest first after each of its tests. */
export function cleanupsAfterEach(): (() => Promise<unknown> | unknown)[] {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}

/** A session not taken from the slot: closed CARD_LEFT_IN_SLOT, the wait under its id still open. */
export const leftBySession: BeforeRestart = async (journal) => {
  const session = await journal.openTransaction('s-1', 'balance');
  await journal.recordStep(session, 'card.read', 'event', { card });
  await journal.recordStep(session, 'card.eject', 'intent');
  await journal.recordStep(session, 'card.eject', 'done');
  const left = { readerSays: 'atSlot', captureBin: false, forStaff: true };
  await journal.recordStep(session, 'card.leftInSlot', 'event', left);
  await journal.closeTransaction(session, 'failed', 'CARD_LEFT_IN_SLOT');
  const wait = await journal.openTransaction('s-1', LEFT_AT_SLOT_JOURNEY);
  await journal.recordStep(wait, 'recovery.slotCard', 'event', { where: 'atSlot', takeMs: SLOT_TAKE_MS });
  return wait;
};

/** A session cut short at its take step: the card handed back, the session open. */
export const cutAtTakeStep: BeforeRestart = async (journal) => {
  const session = await journal.openTransaction('s-2', 'balance');
  await journal.recordStep(session, 'card.read', 'event', { card });
  await journal.recordStep(session, 'card.eject', 'intent');
  await journal.recordStep(session, 'card.eject', 'done');
  return session;
};

/** A session cut short with the card still pushed in (read, not handed back): the session open. */
export const cutWithCardIn: BeforeRestart = async (journal) => {
  const session = await journal.openTransaction('s-3', 'balance');
  await journal.recordStep(session, 'card.read', 'event', { card });
  return session;
};

/** A session whose reader did not answer the hand-back: the card kept for staff, the session closed. */
export const keptBySession: BeforeRestart = async (journal) => {
  const session = await journal.openTransaction('s-4', 'balance');
  await journal.recordStep(session, 'card.read', 'event', { card });
  await journal.recordStep(session, 'card.eject', 'intent');
  const kept = { after: 'eject', readerSays: 'inReader', code: 'DEVICE_TIMEOUT', card, forStaff: true };
  await journal.recordStep(session, 'card.unaccounted', 'event', kept);
  await journal.closeTransaction(session, 'failed', 'DEVICE_TIMEOUT');
  return session;
};

/** A stray card handed back and waited for when the kiosk stopped (its return still open). */
export const strayWaited: BeforeRestart = async (journal) => {
  const stray = await journal.openTransaction('stray-1', STRAY_CARD_JOURNEY);
  await journal.recordStep(stray, 'card.eject', 'intent', { stray: true, takeMs: SLOT_TAKE_MS });
  await journal.recordStep(stray, 'card.eject', 'done');
  return stray;
};
