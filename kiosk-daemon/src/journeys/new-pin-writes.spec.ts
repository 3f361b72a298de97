/** The card and host writes of a PIN change and a PIN reset, with fakes of the card and the host. */
import { SecurePin, type PinVerification, type SocialSecurityCardData } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { JourneyTools } from './journey-tools.js';
import type { NewPinJourneyDeps } from './new-pin-journey.js';
import {
  CardStateAtRead,
  changePin,
  requireActiveCard,
  requireActiveCardForChange,
  resetPin,
} from './new-pin-writes.js';
import { VerifiedPinHold } from './verified-pin-hold.js';

const CARD_NUMBER = 'H41080000102';
const CHIP_SERIAL = '00112233445566778899AABBCCDDEEFF';
const ID_NUMBER = '410803196211092425';
const KEY_HEX = '0F'.repeat(16);
const pinOf = (s: string) => SecurePin.fromKeys([...s].map(Number));

function harness(
  options: {
    changeAnswer?: PinVerification;
    keyFails?: KioskError;
    cardState?: string;
    resetFails?: KioskError;
    reportFails?: KioskError;
  } = {},
) {
  const journal: string[] = [];
  const calls: string[] = [];
  let keySeen: Uint8Array | undefined;
  const heldPin = new VerifiedPinHold();
  const tools: JourneyTools = {
    transactionId: 'JZ-9001-000042',
    locale: () => 'en',
    card: () => ({ cardIdentifier: CHIP_SERIAL, cardNumber: CARD_NUMBER }) as SocialSecurityCardData,
    step: async (name) => void journal.push(`${name}:event`),
    irreversible: async (name, act) => {
      journal.push(`${name}:intent`);
      try {
        const result = await act();
        journal.push(`${name}:done`);
        return result;
      } catch (e) {
        journal.push(`${name}:failed:${KioskError.from(e).code}`);
        throw e;
      }
    },
    bound: () => tools,
  };
  const deps = {
    heldPin,
    cardReader: {
      changePin: async (_old: SecurePin, _new: SecurePin) => {
        calls.push('card.changePin');
        return options.changeAnswer ?? { result: 'ok' };
      },
      resetPin: async (cardKey: Uint8Array) => {
        calls.push('card.resetPin');
        keySeen = cardKey;
        if (options.resetFails) throw options.resetFails;
      },
    },
    host: {
      card: async (cardNumber: string) => {
        calls.push('host.card');
        return { cardNumber, state: options.cardState ?? 'active' };
      },
      pinUnlockKey: async (request: { cardNumber: string; cardIdentifier: string; idNumber: string }) => {
        const { cardNumber, cardIdentifier, idNumber } = request;
        calls.push(`host.pinUnlockKey:${cardNumber}:${cardIdentifier}:${idNumber}`);
        if (options.keyFails) throw options.keyFails;
        return { cardNumber: request.cardNumber, purpose: 'pinUnlock', keyVersion: 1, keyHex: KEY_HEX };
      },
      activateCard: async (cardNumber: string) => {
        calls.push(`host.activate:${cardNumber}`);
        return { cardNumber, state: 'active' };
      },
      reportPinEvent: async (cardNumber: string, outcome: string) => {
        calls.push(`host.pinEvent:${outcome}`);
        if (options.reportFails) throw options.reportFails;
        return { cardNumber, recentFailures: 0, flagged: false, withdrawalsBlocked: false };
      },
    },
  } as unknown as NewPinJourneyDeps;
  const write = (newPin: SecurePin) => ({
    cardNumber: CARD_NUMBER,
    idNumber: ID_NUMBER,
    newPin,
    signal: new AbortController().signal,
  });
  return { journal, calls, heldPin, tools, deps, write, keySeen: () => keySeen };
}

describe('changing the PIN on the card', () => {
  it('sends the held current PIN with the new one, journals it, and wipes the current PIN', async () => {
    const h = harness();
    const current = pinOf('258369');
    h.heldPin.keep(current);
    await changePin(h.deps, h.tools, h.write(pinOf('730194')));
    expect(h.calls).toEqual(['card.changePin']);
    expect(h.journal).toEqual(['card.changePin:intent', 'card.changePin:done']);
    expect(current.wiped).toBe(true);
    expect(h.heldPin.take()).toBeNull();
  });

  it('refuses with SESSION_CANCELLED and touches nothing when no current PIN is held', async () => {
    const h = harness();
    await expect(changePin(h.deps, h.tools, h.write(pinOf('730194')))).rejects.toMatchObject({
      code: ErrorCode.SESSION_CANCELLED,
    });
    expect(h.calls).toEqual([]);
    expect(h.journal).toEqual([]);
  });

  it('journals the change as failed with PIN_BLOCKED when the card says the PIN is blocked', async () => {
    const h = harness({ changeAnswer: { result: 'blocked' } });
    h.heldPin.keep(pinOf('258369'));
    await expect(changePin(h.deps, h.tools, h.write(pinOf('730194')))).rejects.toMatchObject({
      code: ErrorCode.PIN_BLOCKED,
    });
    expect(h.journal).toEqual(['card.changePin:intent', 'card.changePin:failed:PIN_BLOCKED']);
  });

  it('journals the change as failed with PIN_WRONG when the card refuses the current PIN', async () => {
    const h = harness({ changeAnswer: { result: 'wrong', attemptsLeft: 2 } });
    h.heldPin.keep(pinOf('258369'));
    await expect(changePin(h.deps, h.tools, h.write(pinOf('730194')))).rejects.toMatchObject({
      code: ErrorCode.PIN_WRONG,
    });
    expect(h.journal).toEqual(['card.changePin:intent', 'card.changePin:failed:PIN_WRONG']);
  });
});

describe('resetting the PIN under the card key', () => {
  it('asks the host for the key of this chip, resets the card, tells the host, and wipes the key', async () => {
    const h = harness();
    await resetPin(h.deps, h.tools, h.write(pinOf('593017')));
    expect(h.calls).toEqual([
      'host.card',
      `host.pinUnlockKey:${CARD_NUMBER}:${CHIP_SERIAL}:${ID_NUMBER}`,
      'card.resetPin',
      'host.pinEvent:reset',
    ]);
    expect(h.journal).toEqual([
      'card.resetPin:intent',
      'card.resetPin:done',
      'host.pinReset:intent',
      'host.pinReset:done',
    ]);
    expect(h.keySeen()?.every((b) => b === 0)).toBe(true);
  });

  it('takes the card state the host gave at the card read: the host is asked for it once per reset', async () => {
    const h = harness();
    await resetPin(h.deps, h.tools, { ...h.write(pinOf('593017')), cardStateAtRead: 'active' });
    expect(h.calls).toEqual([
      `host.pinUnlockKey:${CARD_NUMBER}:${CHIP_SERIAL}:${ID_NUMBER}`,
      'card.resetPin',
      'host.pinEvent:reset',
    ]);
  });

  it('a new card read as made: activated after the reset on that answer, without asking the host again', async () => {
    const h = harness({ cardState: 'active' }); // what the host would say now is not asked
    await resetPin(h.deps, h.tools, { ...h.write(pinOf('593017')), cardStateAtRead: 'made' });
    expect(h.calls).not.toContain('host.card');
    expect(h.calls.slice(-2)).toEqual(['host.pinEvent:reset', `host.activate:${CARD_NUMBER}`]);
  });

  it('leaves the card untouched when the host does not hand out the key (HOST_TIMEOUT)', async () => {
    const h = harness({ keyFails: new KioskError(ErrorCode.HOST_TIMEOUT, 'slow') });
    await expect(resetPin(h.deps, h.tools, h.write(pinOf('593017')))).rejects.toMatchObject({
      code: ErrorCode.HOST_TIMEOUT,
    });
    expect(h.calls).toEqual(['host.card', `host.pinUnlockKey:${CARD_NUMBER}:${CHIP_SERIAL}:${ID_NUMBER}`]);
    expect(h.journal).toEqual([]);
  });

  it('default PIN locked on a new card: after the reset the host activates the card, journaled', async () => {
    const h = harness({ cardState: 'made' });
    await resetPin(h.deps, h.tools, h.write(pinOf('593017')));
    expect(h.calls.slice(-2)).toEqual(['host.pinEvent:reset', `host.activate:${CARD_NUMBER}`]);
    expect(h.journal.slice(-2)).toEqual(['host.activate:intent', 'host.activate:done']);
  });

  it('journals the reset as failed and tells the host nothing when the card refuses the key', async () => {
    const h = harness({
      resetFails: new KioskError(ErrorCode.CARD_NOT_SOCIAL_SECURITY, 'The card failed authentication.'),
    });
    await expect(resetPin(h.deps, h.tools, h.write(pinOf('593017')))).rejects.toMatchObject({
      code: ErrorCode.CARD_NOT_SOCIAL_SECURITY,
    });
    expect(h.calls).not.toContain('host.pinEvent:reset');
    expect(h.journal).toEqual(['card.resetPin:intent', 'card.resetPin:failed:CARD_NOT_SOCIAL_SECURITY']);
    expect(h.keySeen()?.every((b) => b === 0)).toBe(true);
  });

  it('completes when the host cannot be told after the card was reset, the failed report journaled', async () => {
    const h = harness({ reportFails: new KioskError(ErrorCode.HOST_UNREACHABLE, 'down') });
    await resetPin(h.deps, h.tools, h.write(pinOf('593017')));
    expect(h.journal).toEqual([
      'card.resetPin:intent',
      'card.resetPin:done',
      'host.pinReset:intent',
      'host.pinReset:failed:HOST_UNREACHABLE',
    ]);
  });
});

describe('the card state asked at the card read, kept for the journey', () => {
  it('is fresh in the journey it was asked in only: a further journey of the session asks again', () => {
    const held = new CardStateAtRead();
    held.keep('made', 'JZ-9001-000041');
    expect(held.freshIn('JZ-9001-000041')).toBe('made');
    expect(held.freshIn('JZ-9001-000042')).toBeUndefined();
  });
});

describe('a PIN change chosen after another journey of the session asks the host as it starts', () => {
  const BALANCE_QUERY = 'JZ-9001-000041'; // the session's first journey, whose card read asked nothing
  const change = (h: ReturnType<typeof harness>, held: CardStateAtRead) =>
    requireActiveCardForChange(h.deps, h.tools, held, CARD_NUMBER, new AbortController().signal);

  it.each([
    ['lost', 'CARD_NOT_ACTIVE'],
    ['cancelled', 'CARD_NOT_ACTIVE'],
    ['temporarilyLost', 'CARD_NOT_ACTIVE'],
    ['expired', 'CARD_EXPIRED'],
  ])(
    'the card reported %s since an earlier journey: refused with %s, journaled, nothing written',
    async (cardState, code) => {
      const h = harness({ cardState });
      const held = new CardStateAtRead();
      held.keep('active', BALANCE_QUERY); // what the host said in the journey before
      await expect(change(h, held)).rejects.toMatchObject({ code });
      expect(h.calls).toEqual(['host.card']);
      expect(h.journal).toEqual(['card.state:event']);
    },
  );

  it('the answer of the card read of this journey (the change came first): the host is not asked again', async () => {
    const h = harness({ cardState: 'lost' }); // what the host would say now is not asked
    const held = new CardStateAtRead();
    held.keep('active', h.tools.transactionId);
    await change(h, held);
    expect(h.calls).toEqual([]);
  });

  it('asks once per journey: the current PIN typed again after a wrong one does not ask again', async () => {
    const h = harness();
    const held = new CardStateAtRead();
    await change(h, held);
    await change(h, held);
    expect(h.calls).toEqual(['host.card']);
    expect(held.freshIn(h.tools.transactionId)).toBe('active');
  });

  it('a reset read as made earlier in the session is no answer for a change: the host is asked', async () => {
    const h = harness({ cardState: 'made' });
    const held = new CardStateAtRead();
    held.keep('made', BALANCE_QUERY);
    await expect(change(h, held)).rejects.toMatchObject({ code: ErrorCode.CARD_NOT_ACTIVE });
    expect(h.calls).toEqual(['host.card']);
  });
});

describe('a PIN change or reset needs a card active at the host', () => {
  it.each([
    ['made', 'CARD_NOT_ACTIVE'],
    ['temporarilyLost', 'CARD_NOT_ACTIVE'],
    ['lost', 'CARD_NOT_ACTIVE'],
    ['cancelled', 'CARD_NOT_ACTIVE'],
    ['expired', 'CARD_EXPIRED'],
  ])('refuses a card the host reads as %s with %s', async (cardState, code) => {
    const h = harness({ cardState });
    await expect(requireActiveCard(h.deps, CARD_NUMBER, new AbortController().signal)).rejects.toMatchObject({
      code,
    });
  });

  it('lets an active card through, and answers its state', async () => {
    const h = harness();
    await expect(requireActiveCard(h.deps, CARD_NUMBER, new AbortController().signal)).resolves.toBe(
      'active',
    );
  });

  it('lets a new card through to a reset (which activates it), and answers made', async () => {
    const h = harness({ cardState: 'made' });
    await expect(
      requireActiveCard(h.deps, CARD_NUMBER, new AbortController().signal, 'resetPin'),
    ).resolves.toBe('made');
  });
});
