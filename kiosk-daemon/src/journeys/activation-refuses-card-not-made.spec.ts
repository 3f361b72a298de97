/**
 * The fault: activation refused only a card the host held as active. A cancelled or expired card
 * never activated went through the ID card, the face match and the new PIN twice and had its chip
 * PIN rewritten before the host refused it; a card reported lost (or temporarily lost) after it
 * was active had activation try the default PIN on its chip, one of its three PIN tries spent at
 * each attempt, and the resident was told to choose "Reset PIN". Now activation wants the host's
 * word that the card is made (sealed) as it is read, and every other state is refused there, in
 * words for that state, before anything is asked of the resident or the chip.
 */
import { ErrorCode } from '@kiosk/domain';
import { checkCardAtRead } from './card-state-at-read.js';

const CARD_NUMBER = 'H41080000104';

function readForActivation(state: string) {
  const asked: string[] = [];
  const host = {
    card: async (cardNumber: string) => {
      asked.push(cardNumber);
      return { cardNumber, state };
    },
  };
  const deps = { host } as unknown as Parameters<typeof checkCardAtRead>[0];
  return { asked, result: checkCardAtRead(deps, CARD_NUMBER, 'activatePin', new AbortController().signal) };
}

describe('activation refuses, as the card is read, a card the host does not hold as made', () => {
  it.each([
    ['cancelled', ErrorCode.CARD_CANCELLED, 'cancelled'],
    ['expired', ErrorCode.CARD_EXPIRED, 'expired'],
    ['lost', ErrorCode.CARD_REPORTED_LOST, 'reported lost'],
    ['temporarilyLost', ErrorCode.CARD_REPORTED_LOST, 'reported lost'],
    ['active', ErrorCode.CARD_ALREADY_ACTIVE, 'change PIN'],
  ])('a card the host holds %s: %s, saying so', async (state, code, words) => {
    const { asked, result } = readForActivation(state);
    const refusal = await result.then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string; details: unknown },
    );
    expect(refusal).toMatchObject({ code, details: { state } });
    expect(refusal?.message).toContain(words);
    // the host asked once; nothing else (the chip is not reached from here)
    expect(asked).toEqual([CARD_NUMBER]);
  });

  it('a made card goes on to the ID card, the face and the new PIN', async () => {
    await expect(readForActivation('made').result).resolves.toBeUndefined();
  });
});
