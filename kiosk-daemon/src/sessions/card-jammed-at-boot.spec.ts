/**
 * Fault: a card jammed in the reader at boot. A session's eject jammed (CARD_READER_JAM) just
 * before the power went; a motorised reader's jam outlives the restart (the card stuck in the
 * mechanism), so boot recovery's capture of the card fails CARD_READER_JAM too. Recovery goes on:
 * the card is accounted for where it is (`card.unaccounted` with the jam's code, for staff), the
 * kiosk told CARD_LEFT_IN_READER, the reader out of order for its jam, and every other transaction
 * recovered once; a start before staff came keeps it so; a visit (the card taken out, the jam
 * freed, the fault cleared) ends it.
 *
 * The real journal in a SQLite file; the emulated reader keeps its card, bin and jam in
 * `card-reader.json` beside it (`card-not-captured-at-boot.spec-support.ts`).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { DEMO_RESIDENTS, ErrorCode, maskCardNumber } from '@kiosk/domain';
import { cutShortWithCardInside, runCleanups } from './card-not-captured-at-boot.spec-support.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const JAMMED = { device: 'hardwareError', fault: { code: ErrorCode.CARD_READER_JAM } };

afterEach(runCleanups);

describe('a card jammed in the reader across a restart', () => {
  it('card jammed in the reader at boot: accounted for staff, other transactions recovered', async () => {
    const k = await cutShortWithCardInside(0);
    // the run before the power cut: the session's eject met the jam, the card stuck inside
    const before = await k.readerOfThisRun();
    before.setFault('ejectJam');
    await expect(before.eject()).rejects.toMatchObject({ code: ErrorCode.CARD_READER_JAM });
    await before.close();

    const first = await k.boot();
    expect(first.report).toMatchObject({
      recovered: 4,
      cardsCaptured: 0,
      cardsLeftForStaff: 1,
      withdrawalsSettled: 1,
    });
    expect(await k.journal.openTransactions()).toEqual([]);
    expect(k.host.calls.sort()).toEqual(['close P1', 'report A1 issued', 'reverse 20000']);
    expect(k.dispenser.status().supplies.find((s) => s.name === 'retractBin')?.count).toBe(2);
    // the card: still stuck in the reader, accounted for (masked) with the jam's code, the kiosk
    // told, the reader out of order for its jam
    expect(first).toMatchObject({ where: 'inReader', slot: 'none', cardLeft: ['CARD_LEFT_IN_READER'] });
    expect(first.status).toMatchObject(JAMMED);
    expect(await k.steps(k.balance)).toEqual([
      'card.read:event',
      'recovery.found:event',
      'recovery.card.retract:intent',
      'recovery.card.retract:failed',
      'card.unaccounted:event',
    ]);
    const unaccounted = (await k.journal.stepsOf(k.balance)).find((s) => s.step === 'card.unaccounted');
    expect(JSON.parse(unaccounted!.detail!)).toEqual({
      after: 'retract',
      readerSays: 'inReader',
      code: ErrorCode.CARD_READER_JAM,
      card: maskCardNumber(zhang.cardNumber),
      forStaff: true,
    });

    // the next start before staff came: still jammed, the card kept for staff, nothing settled twice
    const again = await k.boot();
    expect(again.report).toMatchObject({ recovered: 0, withdrawalsSettled: 0, cardsLeftForStaff: 1 });
    expect(again).toMatchObject({ cardLeft: ['CARD_LEFT_IN_READER'], slot: 'none', where: 'inReader' });
    expect(again.status).toMatchObject(JAMMED);
    expect(k.host.calls).toHaveLength(3);

    // a visit: staff open the reader, take the card out, free the jam and clear the fault; the
    // start after it finds the reader in order and no card to keep
    const visited = await k.boot({ visit: true });
    expect(visited).toMatchObject({ cardLeft: [], where: 'outside', status: { device: 'online' } });
    expect(visited.status.fault).toBeUndefined();
    const after = await k.boot();
    expect(after.status).toMatchObject({ device: 'online' });
    expect(k.host.calls).toHaveLength(3);
  });
});
