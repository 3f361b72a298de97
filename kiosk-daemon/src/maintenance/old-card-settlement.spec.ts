/**
 * A replacement's handed-in card whose capture recovery left `unknown`, settled by a supervisor
 * through the maintenance route (`settle-card-making` with `oldCard`), against a real journal
 * (SQLite in a temp folder): listed with the old card masked, the verdict journaled in the visit
 * and as the old card's decision, the card making closed, the fleet told; an engineer is refused.
 */
import { describe, expect, it } from '@jest/globals';
import type { HttpException } from '@nestjs/common';
import { ErrorCode } from '@kiosk/domain';
import { OLD_CARD_CAPTURE, recoverOldCardHandIn } from '../journeys/old-card-hand-in.js';
import { codeOf, settlementWorldPerTest } from './card-making-settlement.spec-support.js';
import { MaintenanceActionsController } from './maintenance-actions.controller.js';

const w = settlementWorldPerTest();

/** a replacement cut short in its old card's capture, the intent counting nothing: left unknown */
async function oldCardLeftUnknown(): Promise<string> {
  const tx = await w.journal.openTransaction('s2', 'replaceCard');
  await w.journal.recordStep(tx, OLD_CARD_CAPTURE, 'intent', { chip: 'read', card: 'H41******321' });
  const reader = { status: () => ({ supplies: [] }), cardPosition: () => 'none' } as never;
  if (await recoverOldCardHandIn(w.journal, reader, tx)) throw new Error('expected it left for staff');
  return tx;
}

describe('a handed-in old card left unknown, settled through the maintenance route', () => {
  it('old card given back: journaled in the visit and as the old card’s decision, the card making closed, the fleet told', async () => {
    const tx = await oldCardLeftUnknown();
    const supervisor = await w.logIn('FS-0002');
    const listed = (await w.checks.pendingCardMakings()).find((p) => p.transactionId === tx);
    expect(listed?.oldCard).toEqual({ card: 'H41******321' });

    expect(await w.checks.settleOldCard(supervisor, tx, 'givenBack')).toEqual({
      transactionId: tx,
      oldCard: 'givenBack',
      outcome: 'closed',
    });
    const decided = (await w.journal.stepsOf(tx)).filter((s) => s.step === 'recovery.oldCard');
    expect(decided.map((s) => JSON.parse(s.detail ?? '{}'))).toEqual([
      { where: 'unknown' },
      { where: 'givenBack', verdict: 'givenBack', staff: 'FS-0002' },
    ]);
    expect(await w.isOpen(tx)).toBe(false);
    expect((await w.checks.pendingCardMakings()).map((p) => p.transactionId)).toEqual([w.cardTx]);
    expect(await w.stepsOf(await w.visitTx())).toEqual([
      'maintenance.login:done',
      'maintenance.settleCardMaking:intent',
      'maintenance.settleCardMaking:done',
    ]);
    expect(w.events.at(-1)).toEqual({
      action: 'settleCardMaking',
      staffId: 'FS-0002',
      device: 'cardReader',
      supply: 'captureBin',
      count: 0,
    });
    // the office is told nothing of the old card (it heard of no hand-in: the capture came first)
    expect(w.office.report).not.toHaveBeenCalled();
  });

  it('an engineer: refused with STAFF_ROLE_NOT_ALLOWED, the old card still unknown and listed', async () => {
    const tx = await oldCardLeftUnknown();
    const engineer = await w.logIn('FS-0001');
    expect(await codeOf(w.checks.settleOldCard(engineer, tx, 'notFound'))).toBe(
      ErrorCode.STAFF_ROLE_NOT_ALLOWED,
    );
    expect(await w.isOpen(tx)).toBe(true);
    const decided = (await w.journal.stepsOf(tx)).filter((s) => s.step === 'recovery.oldCard');
    expect(decided).toHaveLength(1);
  });

  it('the card making of a new card only (no old card): an old card verdict refused SESSION_NOT_FOUND', async () => {
    const supervisor = await w.logIn('FS-0002');
    expect(await codeOf(w.checks.settleOldCard(supervisor, w.cardTx, 'inCaptureBin'))).toBe(
      ErrorCode.SESSION_NOT_FOUND,
    );
    expect(await w.isOpen(w.cardTx)).toBe(true);
  });

  it('the route: { transactionId, oldCard } settles the old card; a body with both verdicts, or an old card verdict not known, is refused malformed and settles nothing', async () => {
    const tx = await oldCardLeftUnknown();
    const supervisor = `Bearer ${await w.logIn('FS-0002')}`;
    const route = new MaintenanceActionsController(
      undefined as never,
      w.checks,
      undefined as never,
      undefined as never,
    );
    const malformed = [
      { transactionId: tx, oldCard: 'givenBack', card: 'taken' },
      { transactionId: tx, oldCard: 'inTheDrawer' },
    ];
    // the route answers an HTTP error carrying the code
    const httpCode = (work: Promise<unknown>) =>
      work.then(
        () => 'settled',
        (e: HttpException) => (e.getResponse() as { code: string }).code,
      );
    for (const body of malformed)
      expect(await httpCode(route.settleCardMaking(body, supervisor))).toBe(
        ErrorCode.GATEWAY_MALFORMED_MESSAGE,
      );
    expect(await w.isOpen(tx)).toBe(true);
    expect(await route.settleCardMaking({ transactionId: tx, oldCard: 'notFound' }, supervisor)).toEqual({
      transactionId: tx,
      oldCard: 'notFound',
      outcome: 'closed',
    });
    expect(await w.isOpen(tx)).toBe(false);
  });
});
