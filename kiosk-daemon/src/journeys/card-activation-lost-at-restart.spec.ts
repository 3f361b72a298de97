/**
 * Fault: a new card's activation was lost when the host did not hear it. Activation writes the new
 * PIN on the chip (`card.changePin`, the default PIN gone), then has the host activate the card
 * (`host.activate`). A kiosk that died between the two, or a host that did not answer the second
 * (down, timed out), left the chip with the resident's PIN and the host with the card `made`, and
 * nothing sent the act again: the card could not query, print records or withdraw; activating it
 * again was refused at the chip (the default PIN gone: "activated before, use change PIN") and a
 * change was refused at the host ("new: activate it first"). Now the host's activation, journaled
 * in one commit with the chip's done, is an act owed to the host (`owed-host-acts.ts`): not
 * answered in the session, it goes to the background tries under the same idempotency key; a
 * restart before the host answered has the next boot send it again. The host applies it once.
 *
 * The real journal (SQLite in memory), the real activation writes, background tries and recovery
 * at boot; the card reader and the host are fakes (the host applies an act once per key).
 */
import { describe, expect, it } from '@jest/globals';
import { SecurePin } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import type { JournaledHostRetries } from '../host/journaled-host-retries.js';
import {
  cardGoneDevices,
  hostWithoutWithdrawals,
  journalsPerSpec,
  recoverAtBoot,
} from './boot-recovery.spec-support.js';
import { CardActivations } from './card-activation.js';
import { journeyTools } from './journey-tools.js';
import type { NewPinJourneyDeps } from './new-pin-journey.js';
import { activatePin } from './new-pin-writes.js';
import { VerifiedPinHold } from './verified-pin-hold.js';

const CARD = 'H41080000777';
const ID_NUMBER = '410803196211092425';

const journals = journalsPerSpec();
const devices = cardGoneDevices();

/** The host: `answer` decides each call (hang: the kiosk dies with it in flight); applied once per key. */
function fakeHost() {
  const host = {
    answer: 'ok' as 'ok' | 'timeout' | 'hang' | 'refuse' | 'unauthorized',
    calls: 0,
    /** the card's state at the host */
    state: 'made',
    applied: [] as string[],
  };
  const service = hostWithoutWithdrawals({
    activateCard: async (cardNumber: string, _id: string, serial: string) => {
      host.calls += 1;
      if (host.answer === 'hang') return new Promise(() => undefined);
      if (host.answer === 'timeout') throw new KioskError(ErrorCode.HOST_TIMEOUT, 'The host did not answer.');
      if (host.answer === 'unauthorized')
        throw new KioskError(
          ErrorCode.HOST_UNAUTHORIZED,
          'The back office refused this kiosk’s credentials.',
        );
      if (host.answer === 'refuse')
        throw new KioskError(ErrorCode.HOST_REJECTED, 'The card cannot be activated.', { status: 409 });
      if (!host.applied.includes(serial)) host.applied.push(serial);
      host.state = 'active';
      return { cardNumber, state: 'active' };
    },
  });
  return { host, service };
}

async function world() {
  const opened = await journals.open();
  const { journal } = opened;
  const { host, service } = fakeHost();
  const chip = { pin: 'default' };
  const retriesOf = () => journals.retries(journal);
  /** the activation's session: the card read and the resident identified, as the journey's steps seal them */
  const activation = async (retries: JournaledHostRetries) => {
    const tx = await journal.openTransaction('s1', 'activatePin');
    await journal.sealPersonalData(tx, 'cardNumber', CARD);
    await journal.sealPersonalData(tx, 'idNumber', ID_NUMBER);
    const tools = journeyTools(
      journal,
      tx,
      () => 'en',
      () => undefined,
    );
    const deps = {
      host: service,
      retries,
      heldPin: new VerifiedPinHold(),
      cardReader: {
        changePin: async () => {
          chip.pin = 'new';
          return { result: 'ok' };
        },
      },
    } as unknown as NewPinJourneyDeps;
    const write = {
      cardNumber: CARD,
      idNumber: ID_NUMBER,
      newPin: SecurePin.fromKeys([7, 3, 0, 1, 9, 4]),
      signal: new AbortController().signal,
    };
    return { tx, done: activatePin(deps, tools, write) };
  };
  const boot = async () => {
    const retries = retriesOf();
    const activations = new CardActivations(journal, opened.db, service, retries);
    await recoverAtBoot(journal, devices, service, { retries, activations });
    return retries;
  };
  const phases = async (tx: string) =>
    (await journal.stepsOf(tx)).filter((s) => s.step === 'host.activate').map((s) => s.phase);
  return { journal, host, chip, retriesOf, activation, boot, phases };
}

describe("a new card's activation the host did not hear", () => {
  it('fault: the kiosk dies after the chip took the new PIN, the host not answered: the next boot activates the card once', async () => {
    const w = await world();
    w.host.answer = 'hang';
    const { tx } = await w.activation(w.retriesOf());
    await eventually(async () => w.host.calls === 1, 'the host asked to activate', { withinMs: 5_000 });
    expect(w.chip.pin).toBe('new');
    // the kiosk is gone with the call in flight; it starts again, the host answering
    w.host.answer = 'ok';
    await w.boot();
    await eventually(async () => w.host.state === 'active', 'the card active at the host', {
      withinMs: 5_000,
    });
    expect(w.host.applied).toEqual([`${tx}`]);
    expect((await w.phases(tx)).at(-1)).toBe('done');
    // a later boot sends nothing again
    const calls = w.host.calls;
    await w.boot();
    expect(w.host.calls).toBe(calls);
  });

  // the kiosk's credentials refused: the host never looked at the act, owed as to a host away
  it.each([
    ['times out on', 'timeout'],
    ['refuses the kiosk’s credentials (its key rotated at the host first) for', 'unauthorized'],
  ] as const)(
    'fault: the host %s the activation in the session: the background tries activate the card once',
    async (_what, answer) => {
      const w = await world();
      w.host.answer = answer;
      const { tx, done } = await w.activation(w.retriesOf());
      // the chip has the new PIN whatever the host answers: the session is not failed for the host
      await done;
      expect(w.chip.pin).toBe('new');
      w.host.answer = 'ok';
      await eventually(async () => w.host.state === 'active', 'the card active at the host', {
        withinMs: 5_000,
      });
      expect(w.host.applied).toEqual([`${tx}`]);
      await eventually(async () => (await w.phases(tx)).at(-1) === 'done', 'the activation journaled done', {
        withinMs: 5_000,
      });
      expect(await w.phases(tx)).toEqual(['intent', 'failed', 'done']);
    },
  );

  it('a host that refuses the activation (the card reported lost meanwhile): the refusal stands, never sent again', async () => {
    const w = await world();
    w.host.answer = 'refuse';
    const { tx, done } = await w.activation(w.retriesOf());
    await expect(done).rejects.toMatchObject({ code: ErrorCode.HOST_REJECTED });
    expect(await w.phases(tx)).toEqual(['intent', 'failed']);
    w.host.answer = 'ok';
    await w.journal.closeTransaction(tx, 'failed', ErrorCode.HOST_REJECTED);
    await w.boot();
    expect(w.host.calls).toBe(1);
    expect(w.host.state).toBe('made');
  });
});
