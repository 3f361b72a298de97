/**
 * Fault: an old card of the resident's handed in as the damaged one cancelled the card they still
 * hold. The hand-in checks a readable chip's ID number only (someone else's card is refused), so a
 * card replaced years ago, cancelled, still in the wallet, was captured as "the damaged card"; the
 * host was then told the resident's *current* card was handed in (the one the replacement picks),
 * and cancelled it at once, before any fee or new card. The resident walked off with a dead card,
 * and with no card at all if they left at the fee. Now the replacement is asked for the card the
 * chip named when it names one: another card than the one to replace is refused before the host is
 * told anything (CARD_CANCELLED: use your newest card), the current card left as it was.
 *
 * The issue-card journey's actors as the daemon provides them, the emulated card reader (an extra
 * card: the resident's old one), the real host simulator over HTTP, the real journal.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { cardMemoryOf, demoCardSpec, EmulatedCardReader } from '@kiosk/device-drivers';
import { ErrorCode, demoResident } from '@kiosk/domain';
import { createHostSimulator } from '@kiosk/host-simulator';
import { issuanceAtHost } from './issuance-at-host.spec-support.js';

const zhang = demoResident('zhang')!;
const today = new Date('2026-11-26');
/** zhang's card before the current one: the same holder on its chip, another card number */
const OLD_NUMBER = 'H41080000998';
const oldCard = (() => {
  const spec = demoCardSpec({ ...zhang, key: 'zhang-old' }, today);
  return cardMemoryOf({ ...spec, fields: { ...spec.fields, cardNumber: OLD_NUMBER } });
})();

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function handedIn(cardId: string) {
  const reader = new EmulatedCardReader({ today, extraCards: [oldCard] });
  await reader.open();
  cleanups.push(() => reader.close());
  const w = await issuanceAtHost(createHostSimulator, cleanups, { more: { cardReader: reader } });
  // the host knows the old card: replaced in 2016, cancelled then
  const { store } = w.simulator.context;
  store.addCard({
    cardNumber: OLD_NUMBER,
    residentNo: store.residentByIdNumber(zhang.idNumber)!.residentNo,
    state: 'cancelled',
    issueDate: '2006-03-01',
    expiryDate: '2016-03-01',
    regionCode: '410800',
    stateChangedAt: '2016-03-01T02:00:00.000Z',
    functions: { socialSecurity: false, bank: false },
    withdrawalBlock: null,
    chipSerial: null,
  });
  await reader.insertCard(cardId);
  const hand = {
    sessionId: 's1',
    idNumber: zhang.idNumber,
    moving: () => undefined,
    cardLeftForStaff: () => false,
  };
  await expect(w.run(w.actors['handInOldCard'], hand)).resolves.toEqual({ chip: 'read' });
  const application = w.run(w.actors['checkApplication'], {
    sessionId: 's1',
    idNumber: zhang.idNumber,
    kind: 'replacement',
    replacementReason: 'damaged',
  });
  return { ...w, reader, application };
}

describe('fault: old-card-handed-in-cancels-current-card', () => {
  it('the resident’s old card handed in: refused CARD_CANCELLED before the host is told, the current card left active', async () => {
    const w = await handedIn('zhang-old');
    await expect(w.application).rejects.toMatchObject({ code: ErrorCode.CARD_CANCELLED });
    expect(w.simulator.state.cards.get(zhang.cardNumber)!.state).toBe('active');
    expect([...w.simulator.state.applications.values()].filter((a) => a.kind === 'replacement')).toEqual([]);
    // journaled for staff, both cards masked: nothing asked of the host
    const [told, ...more] = (await w.journal.stepsOf(w.tx)).filter((s) => s.step === 'host.replacement');
    expect(more).toEqual([]);
    expect(told!.phase).toBe('event');
    expect(JSON.parse(told!.detail!)).toEqual({
      skipped: 'notTheCardToReplace',
      card: 'H41******101',
      handedIn: 'H41******998',
      handedInState: 'cancelled',
    });
  });

  it('the current card handed in: the host told, the card cancelled, the fee asked', async () => {
    const w = await handedIn('zhang');
    await expect(w.application).resolves.toMatchObject({ feeDueFen: 2000 });
    expect(w.simulator.state.cards.get(zhang.cardNumber)!.state).toBe('cancelled');
    expect(await w.phasesOf('host.replacement')).toEqual(['intent', 'done']);
  });
});
