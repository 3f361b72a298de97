/**
 * Fault: a PIN reset cut between the chip and the host was owed to nobody. The reset writes the new
 * PIN on the chip (`card.resetPin`) and then tells the host: the reset's report (`host.pinReset`,
 * which clears the host's count of wrong PINs) and, for a new card whose default PIN was locked,
 * its activation (`host.activate`). A kiosk that died after the chip's done and before those acts
 * were journaled left no act owed: the chip answered to a PIN the host had not heard of, a new card
 * stayed `made` at the host for good (no query, no records, no withdrawal; its default PIN gone, an
 * activation refused at the chip), and the host went on counting the wrong PINs typed before.
 * Now both acts are owed from the chip's done (`owed-host-acts.ts`), what they need sealed before
 * the chip changes: the next boot sends them, once.
 *
 * The real journal (SQLite in memory), the real reset writes, recovery at boot and its resumes; the
 * card reader and the host are fakes (the host applies an act once per key). The kiosk "dies" as
 * the chip's done is journaled: no journal write of the journey's after it reaches the journal.
 */
import { describe, expect, it } from '@jest/globals';
import { SecurePin } from '@kiosk/device-drivers';
import { eventually } from '@kiosk/domain/testing';
import {
  cardGoneDevices,
  hostWithoutWithdrawals,
  journalsPerSpec,
  recoverAtBoot,
} from './boot-recovery.spec-support.js';
import { CardActivations } from './card-activation.js';
import { journeyTools, type JourneyTools } from './journey-tools.js';
import type { NewPinJourneyDeps } from './new-pin-journey.js';
import { resetPin } from './new-pin-writes.js';
import { PinResetReports } from './pin-reset-report.js';
import { VerifiedPinHold } from './verified-pin-hold.js';

const CARD = 'H41080000888';
const ID_NUMBER = '410803196211092425';

const journals = journalsPerSpec();
const devices = cardGoneDevices();

/** The host: the card's state, and the acts it applied (once per key). */
function fakeHost(state: 'made' | 'active') {
  const host = { state: state as string, resets: [] as string[], activations: [] as string[] };
  const service = hostWithoutWithdrawals({
    card: async () => ({ cardNumber: CARD, state: host.state }),
    pinUnlockKey: async () => ({ keyHex: '00'.repeat(16), keyVersion: 1 }),
    reportPinEvent: async (_card: string, event: string, serial: string) => {
      if (event === 'reset' && !host.resets.includes(serial)) host.resets.push(serial);
      return {};
    },
    activateCard: async (cardNumber: string, _id: string, serial: string) => {
      if (!host.activations.includes(serial)) host.activations.push(serial);
      host.state = 'active';
      return { cardNumber, state: 'active' };
    },
  });
  return { host, service };
}

/** Tools whose journal writes hang once the chip's done is journaled: the kiosk died there. */
function diesAfterChip(tools: JourneyTools): JourneyTools {
  let dead = false;
  const never = () => new Promise<never>(() => undefined);
  return {
    ...tools,
    step: (...args) => (dead ? never() : tools.step(...args)),
    seal: (...args) => (dead ? never() : tools.seal!(...args)),
    irreversible: async (name, act, detail, options) => {
      if (dead) return never();
      const result = await tools.irreversible(name, act, detail, options);
      if (name === 'card.resetPin') dead = true;
      return result;
    },
  };
}

async function world(state: 'made' | 'active') {
  const { db, journal } = await journals.open();
  const { host, service } = fakeHost(state);
  const chip = { pin: 'locked' };
  const tx = await journal.openTransaction('s1', 'resetPin');
  const tools = journeyTools(
    journal,
    tx,
    () => 'en',
    () => ({ cardIdentifier: 'CI-0888' }) as unknown as ReturnType<JourneyTools['card']>,
  );
  const deps = {
    host: service,
    retries: journals.retries(journal),
    heldPin: new VerifiedPinHold(),
    cardReader: {
      resetPin: async () => {
        chip.pin = 'new';
      },
    },
  } as unknown as NewPinJourneyDeps;
  const write = {
    cardNumber: CARD,
    idNumber: ID_NUMBER,
    newPin: SecurePin.fromKeys([7, 3, 0, 1, 9, 4]),
    signal: new AbortController().signal,
    cardStateAtRead: state,
  };
  // the journey runs until the kiosk dies, right after the chip took the new PIN
  void resetPin(deps, diesAfterChip(tools), write);
  await eventually(
    async () => (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`),
    'the chip done',
    {
      withinMs: 5_000,
      until: (steps) => steps.includes('card.resetPin:done'),
    },
  );
  const boot = async () => {
    const retries = journals.retries(journal);
    const activations = new CardActivations(journal, db, service, retries);
    const pinResets = new PinResetReports(journal, db, service, retries);
    await recoverAtBoot(journal, devices, service, { retries, activations, pinResets });
  };
  const phases = async (step: string) =>
    (await journal.stepsOf(tx)).filter((s) => s.step === step).map((s) => s.phase);
  return { host, chip, tx, boot, phases };
}

describe('a PIN reset cut between the chip and the host', () => {
  it('pin-reset-cut-between-chip-and-host: a new card: the next boot reports the reset and activates the card, once', async () => {
    const w = await world('made');
    expect(w.chip.pin).toBe('new');
    expect(await w.phases('host.pinReset')).toEqual([]);
    expect(await w.phases('host.activate')).toEqual([]);
    await w.boot();
    await eventually(async () => w.host.state, 'the card active at the host', {
      withinMs: 5_000,
      until: (state) => state === 'active',
    });
    await eventually(async () => w.host.resets, 'the reset reported', {
      withinMs: 5_000,
      until: (resets) => resets.length === 1,
    });
    expect(w.host.resets).toEqual([w.tx]);
    expect(w.host.activations).toEqual([w.tx]);
    await eventually(async () => (await w.phases('host.activate')).at(-1), 'the activation journaled done', {
      withinMs: 5_000,
      until: (last) => last === 'done',
    });
    // a later boot sends nothing again
    await w.boot();
    expect(w.host.resets).toHaveLength(1);
    expect(w.host.activations).toHaveLength(1);
    expect(await w.phases('host.activate')).toEqual(['done']);
    expect(await w.phases('host.pinReset')).toEqual(['done']);
  });

  it('pin-reset-cut-between-chip-and-host: an active card: the next boot reports the reset, activates nothing', async () => {
    const w = await world('active');
    await w.boot();
    await eventually(async () => w.host.resets, 'the reset reported', {
      withinMs: 5_000,
      until: (resets) => resets.length === 1,
    });
    expect(w.host.activations).toEqual([]);
    await w.boot();
    expect(w.host.resets).toHaveLength(1);
    expect(await w.phases('host.activate')).toEqual([]);
  });
});
