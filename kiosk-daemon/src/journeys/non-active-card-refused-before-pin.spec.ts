/**
 * A card the host holds as lost, temporarily lost, cancelled, expired or not yet activated, read
 * for a balance query, records or a withdrawal, is refused as it is read, with the host's code,
 * before any PIN is asked; activation and the journeys without a card keep what they accept.
 */
import { ErrorCode, type Journey } from '@kiosk/domain';
import { checkCardAtRead } from './card-state-at-read.js';

const CARD_NUMBER = 'H41080000102';

function hostSaying(state: string) {
  const asked: string[] = [];
  const host = {
    card: async (cardNumber: string) => {
      asked.push(cardNumber);
      return { cardNumber, state };
    },
  };
  return { deps: { host } as unknown as Parameters<typeof checkCardAtRead>[0], asked };
}

const read = (state: string, journey: Journey) => {
  const h = hostSaying(state);
  return { h, result: checkCardAtRead(h.deps, CARD_NUMBER, journey, new AbortController().signal) };
};

describe('a card that is not active is refused as it is read, before the PIN', () => {
  const refusals: [string, string][] = [
    ['lost', ErrorCode.CARD_NOT_ACTIVE],
    ['temporarilyLost', ErrorCode.CARD_NOT_ACTIVE],
    ['cancelled', ErrorCode.CARD_NOT_ACTIVE],
    ['made', ErrorCode.CARD_NOT_ACTIVE],
    ['expired', ErrorCode.CARD_EXPIRED],
  ];
  const journeys: Journey[] = ['balance', 'records', 'withdraw'];

  it.each(journeys.flatMap((journey) => refusals.map(([state, code]) => [journey, state, code] as const)))(
    '%s with a card the host holds %s: refused with %s',
    async (journey, state, code) => {
      const { h, result } = read(state, journey);
      await expect(result).rejects.toMatchObject({ code });
      expect(h.asked).toEqual([CARD_NUMBER]);
    },
  );

  it.each(journeys)('%s with an active card goes on', async (journey) => {
    const { result } = read('active', journey);
    await expect(result).resolves.toBe('active');
  });

  it('a lost card read for a balance is refused in words for its use, not a PIN change’s', async () => {
    const { result } = read('lost', 'balance');
    await expect(result).rejects.toThrow('This card cannot be used now (reported lost or cancelled).');
  });

  it('activation still takes a made card, and a reset a made one', async () => {
    await expect(read('made', 'activatePin').result).resolves.toBeUndefined();
    await expect(read('made', 'resetPin').result).resolves.toBe('made');
  });

  it('activation refuses an active card, as before', async () => {
    await expect(read('active', 'activatePin').result).rejects.toMatchObject({
      code: ErrorCode.CARD_ALREADY_ACTIVE,
    });
  });
});
