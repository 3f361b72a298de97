/**
 * A journey chosen after another of the session asks the host the card's state again, as the card
 * read does (`checkCardAtNextJourney`, the session's `checkCard`): once per journey, its refusal or
 * the host's silence journaled and refusing the journey with the code.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { checkCardAtNextJourney } from './card-state-at-read.js';
import { CardStateAtRead } from './new-pin-writes.js';

const CARD_NUMBER = 'H41080000102';

function world(answer: () => Promise<{ cardNumber: string; state: string }>) {
  const asked: string[] = [];
  const steps: unknown[] = [];
  const host = {
    card: async (cardNumber: string) => {
      asked.push(cardNumber);
      return answer();
    },
  };
  const tools = {
    transactionId: 'JZ-9001-000007',
    step: async (name: string, d?: unknown) => void steps.push([name, d]),
  };
  const held = new CardStateAtRead();
  const check = (journey: 'balance' | 'records' | 'withdraw' | 'changePin' | 'reportLoss') =>
    checkCardAtNextJourney(
      { host } as never,
      tools,
      held,
      CARD_NUMBER,
      journey,
      new AbortController().signal,
    );
  return { asked, steps, held, tools, check };
}

describe('the card asked about again at a next journey of the session', () => {
  it('card-reported-lost-mid-session-refused-at-next-journey: CARD_NOT_ACTIVE, journaled', async () => {
    const w = world(async () => ({ cardNumber: CARD_NUMBER, state: 'lost' }));
    await expect(w.check('withdraw')).rejects.toMatchObject({ code: ErrorCode.CARD_NOT_ACTIVE });
    expect(w.steps).toEqual([['card.state', { refused: ErrorCode.CARD_NOT_ACTIVE }]]);
  });

  it('the host down: refused HOST_UNREACHABLE, as at the card read', async () => {
    const w = world(async () => {
      throw new KioskError(ErrorCode.HOST_UNREACHABLE, 'The back office cannot be reached.');
    });
    await expect(w.check('records')).rejects.toMatchObject({ code: ErrorCode.HOST_UNREACHABLE });
    expect(w.steps).toEqual([['card.state', { refused: ErrorCode.HOST_UNREACHABLE }]]);
  });

  it('active: goes on, the answer kept for the journey (a change does not ask again)', async () => {
    const w = world(async () => ({ cardNumber: CARD_NUMBER, state: 'active' }));
    await w.check('changePin');
    expect(w.held.freshIn(w.tools.transactionId)).toBe('active');
    await w.check('changePin');
    expect(w.asked).toEqual([CARD_NUMBER]);
  });

  it('a journey that takes any card asks nothing', async () => {
    const w = world(async () => ({ cardNumber: CARD_NUMBER, state: 'lost' }));
    await w.check('reportLoss');
    expect(w.asked).toEqual([]);
  });
});
