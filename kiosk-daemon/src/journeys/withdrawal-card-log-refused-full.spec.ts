/**
 * Fault: the chip refuses the withdrawal's record because its log is full (60 records not yet
 * printed: APPEND RECORD answered 69 85), though the session read the card below its limit
 * (ADR 0026). The withdrawal stays confirmed, once, nothing given back, nothing written again; the
 * journal says the write failed CARD_RECORDS_PRINT_REQUIRED and the record was not written; the
 * session's card now counts its limit, so the next journey but the records one is refused.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { cardInReader, withdrawalWithCard, withdrawalsOnChip } from './card-log.spec-support.js';
import { CARD_LOG_SETTLED, CARD_LOG_STEP } from './card-log-write.js';

describe('the chip refuses the withdrawal’s record, its log full', () => {
  it('journals the record not written, confirms the withdrawal once and counts the card at its limit', async () => {
    const { reader, card, verify } = await cardInReader('zhang');
    expect(card.recordsUnprinted).toBe(1);
    // records logged since the session read the card, up to the chip's limit
    const other = { kind: 'Q', amountFen: 0, terminalId: 'JZ0002', at: new Date('2026-11-01T02:00:00Z') };
    for (let i = 1; i < 60; i += 1) await reader.logTransaction(other);
    const w = await withdrawalWithCard(reader, card);

    const output = await w.takeCash();

    expect(output).toMatchObject({
      outcome: 'completed',
      confirmed: true,
      reversed: false,
      recordsPrintRequired: true,
    });
    expect(w.confirms).toEqual(['auth-1']);
    expect(w.reversals).toEqual([]);
    const steps = await w.steps();
    expect(steps.filter((s) => s.startsWith('card.log'))).toEqual([
      `${CARD_LOG_STEP}:intent`,
      `${CARD_LOG_STEP}:failed`,
      `${CARD_LOG_SETTLED}:event`,
    ]);
    expect(await w.detail(CARD_LOG_SETTLED, 'event')).toEqual({
      written: false,
      code: ErrorCode.CARD_RECORDS_PRINT_REQUIRED,
      after: 'session',
    });
    expect(w.scope.card?.recordsUnprinted).toBe(60);
    expect(await withdrawalsOnChip(reader, verify)).toEqual({ records: [], unprinted: 60 });
  });
});
