/**
 * Spec support: the damaged-card hand-in with the daemon's actors (the hand-in, the card
 * accounting, the real journal on SQLite in memory, the emulated card reader), on a simulated
 * clock, with one reader command that never answers (a reader that broke its own bound). Used by
 * the specs of the hand-in's backstop.
 */
import { type CardReaderPort } from '@kiosk/device-drivers';
import {
  DEFAULT_CARD_MOVE_TIMEOUT_MS,
  DEFAULT_CARD_TAKE_MS,
  DEFAULT_STEP_MS,
  DEFAULT_WARN_MS,
  demoResident,
} from '@kiosk/domain';
import {
  handInBackstopMs,
  identifyMachine,
  type SessionInput,
  type SessionOutput,
} from '@kiosk/state-machines';
import { createActor, fromPromise, SimulatedClock, waitFor } from 'xstate';
import { readerWithCard, sessionActorsOn } from './card-reader-session.spec-support.js';

/** the rules' step wait */
export const STEP_MS = DEFAULT_STEP_MS;
/** the card reader's bound of a card move (the default `devices.cardReader.moveTimeoutMs`) */
export const CARD_MOVE_MS = DEFAULT_CARD_MOVE_TIMEOUT_MS;
const zhang = demoResident('zhang')!;

/**
 * The emulated reader with `card` in; the command `never` (the chip read, or a move) reaches the
 * reader's port (`asked`) and is never answered (a reader that broke its own bound, still
 * honouring its signal). `givenBack` awaits the card's move to the slot (the reader's `ejected`).
 */
export async function readerNeverAnswering(card: string, never: 'readCard' | 'eject' | 'retract') {
  const r = await readerWithCard(card, { moveTimeoutMs: CARD_MOVE_MS });
  let ask: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => (ask = resolve));
  const port = Object.assign(Object.create(r) as CardReaderPort, {
    [never]: (signal?: AbortSignal) => {
      ask();
      return new Promise<void>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    },
  });
  /** resolves when the reader moves the card to the slot; rejects after `withinMs` (it never did) */
  const givenBack = (withinMs = 2_000) =>
    new Promise<void>((resolve, reject) => {
      const bound = setTimeout(() => {
        stop();
        reject(new Error(`the card was not moved to the slot within ${withinMs} ms`));
      }, withinMs);
      const stop = r.onCardEvent((e) => {
        if (e.type !== 'ejected') return;
        clearTimeout(bound);
        stop();
        resolve();
      });
    });
  return { port, asked, givenBack, whereIs: () => r.listCards().find((c) => c.cardId === card)?.location };
}

/**
 * The hand-in of `card` whose command `never` the reader never answers (`readerNeverAnswering`),
 * run until that command is asked, then the hand-in's backstop run out on the session's clock.
 */
export async function backstopRunsOut(card: string, never: 'readCard' | 'eject' | 'retract') {
  const r = await readerNeverAnswering(card, never);
  const s = await handingIn(r.port);
  await r.asked;
  s.clock.increment(handInBackstopMs(STEP_MS, CARD_MOVE_MS));
  return { r, s };
}

/**
 * A replacement by Zhang, identified (ID card and face answered at once), who hands a card in as
 * his damaged one: the daemon's session machine and actors, its transaction in the real journal.
 */
export interface HandingIn {
  readonly clock: SimulatedClock;
  /** the session's output once it ended */
  ended(): Promise<SessionOutput | undefined>;
  /** the transaction's journal rows, `step:phase detail` */
  steps(): Promise<string[]>;
  /** the session stopped from outside (the kiosk stops): not the hand-in's backstop */
  stop(): void;
}

export async function handingIn(cardReader: CardReaderPort): Promise<HandingIn> {
  const { journal, factory } = await sessionActorsOn(cardReader);
  const identified = identifyMachine.provide({
    actors: {
      readIdCard: fromPromise(async () => ({
        idNumber: zhang.idNumber,
        name: zhang.name,
        birthDate: zhang.birthDate,
        validTo: '2035-01-01',
      })),
      matchFace: fromPromise(async () => ({ score: 99 })),
    },
  });
  const machine = factory.sessionMachine.provide({ actors: { identifyJourney: identified } });
  const clock = new SimulatedClock();
  const input: SessionInput = {
    sessionId: 's-1',
    timeouts: {
      stepMs: STEP_MS,
      warnMs: DEFAULT_WARN_MS,
      cardTakeMs: DEFAULT_CARD_TAKE_MS,
      cardMoveMs: CARD_MOVE_MS,
    },
    pinLength: 6,
    journeysOffered: ['replaceCard'],
    journeyOptions: { issue: { handInDamaged: true } },
    now: () => clock.now(),
  };
  const tx = await journal.openTransaction('s-1', 'replaceCard');
  const actor = createActor(machine, { input, clock });
  factory.scope(actor.system, { transactionId: tx, locale: () => 'en', send: () => undefined });
  actor.start();
  actor.send({ type: 'SELECT_JOURNEY', journey: 'replaceCard' });
  // identified: the replacement asks why first (its journey starts at that question)
  await waitFor(actor, (s) => s.matches({ noCard: 'issuing' }), { timeout: 2_000 });
  actor.send({ type: 'REPLACEMENT_REASON', reason: 'damaged' });
  const ended = async () => {
    await waitFor(actor, (s) => s.status === 'done', { timeout: 2_000 });
    return actor.getSnapshot().output;
  };
  const steps = async () =>
    (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}${s.detail ? ` ${s.detail}` : ''}`);
  return { clock, ended, steps, stop: () => actor.stop() };
}

/** the journal's card.unaccounted rows, as `steps` lists them */
export const unaccounted = (steps: string[]) => steps.filter((s) => s.startsWith('card.unaccounted'));
