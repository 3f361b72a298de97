/**
 * Fault: the resident pulls the card out of the reader while the withdrawal's record is written on
 * its log (ADR 0026). The cash was taken and the host confirmed: the withdrawal stays confirmed,
 * once, nothing given back; the journal says the write failed CARD_REMOVED and that whether the
 * chip took the record is not known (`card.logSettled`, written 'unknown'); nothing is tried again.
 * The emulated reader and its virtual card, the real journal (SQLite in memory).
 */
import { describe, expect, it } from '@jest/globals';
import type { CardReaderPort, CardTransaction } from '@kiosk/device-drivers';
import { ErrorCode } from '@kiosk/domain';
import { cardInReader, withdrawalWithCard, withdrawalsOnChip } from './card-log.spec-support.js';
import { CARD_LOG_SETTLED, CARD_LOG_STEP } from './card-log-write.js';

describe('the card pulled out while the withdrawal’s record is written on its log', () => {
  it('journals the write failed CARD_REMOVED, its record not known, the withdrawal confirmed once', async () => {
    const { reader, card, verify } = await cardInReader('zhang');
    let writes = 0;
    // the resident's hand as the APPEND RECORD goes to the chip
    const pulledMidWrite = Object.assign(Object.create(reader) as CardReaderPort, {
      logTransaction: async (entry: CardTransaction, signal?: AbortSignal) => {
        writes += 1;
        await reader.pullCard();
        return reader.logTransaction(entry, signal);
      },
    });
    const w = await withdrawalWithCard(pulledMidWrite, card);

    const output = await w.takeCash();

    expect(output).toMatchObject({ outcome: 'completed', confirmed: true, reversed: false, paidFen: 30_000 });
    expect(output.recordsPrintRequired).toBeUndefined();
    expect(w.confirms).toEqual(['auth-1']);
    expect(w.reversals).toEqual([]);
    expect(writes).toBe(1);
    const steps = await w.steps();
    expect(steps.filter((s) => s.startsWith('card.log'))).toEqual([
      `${CARD_LOG_STEP}:intent`,
      `${CARD_LOG_STEP}:failed`,
      `${CARD_LOG_SETTLED}:event`,
    ]);
    expect(steps.indexOf(`${CARD_LOG_STEP}:intent`)).toBeGreaterThan(
      steps.indexOf('withdrawal.confirm:done'),
    );
    expect(await w.detail(CARD_LOG_STEP, 'failed')).toEqual({ code: ErrorCode.CARD_REMOVED });
    expect(await w.detail(CARD_LOG_SETTLED, 'event')).toEqual({
      written: 'unknown',
      code: ErrorCode.CARD_REMOVED,
      after: 'session',
    });
    // the card back in: the chip holds no second record, nor any the kiosk wrote after the pull
    await reader.insertCard('zhang');
    expect((await withdrawalsOnChip(reader, verify)).records).toEqual([]);
  });
});
