/**
 * A damaged card handed in for its replacement, on the emulated card reader (the product `npm
 * start` runs) and a real SQLite journal: read what the chip gives, refuse someone else's card,
 * capture into the capture bin journaled before and after; after a restart between the capture's
 * intent and its outcome, recovery tells captured from given back by the capture bin's count.
 */
import { EmulatedCardReader } from '@kiosk/device-drivers';
import { demoResident } from '@kiosk/domain';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { overwriteStepDetail } from '../journal/step-detail.spec-support.js';
import { journeyTools } from './journey-tools.js';
import {
  OLD_CARD_CAPTURE,
  awaitCardInReader,
  captureBinCount,
  handInOldCard,
  recoverOldCardHandIn,
} from './old-card-hand-in.js';

const zhang = demoResident('zhang')!;

async function world() {
  const { db, journal } = await openMemoryJournal();
  const tx = await journal.openTransaction('s1', 'replaceCard');
  const tools = journeyTools(
    journal,
    tx,
    () => 'en',
    () => undefined,
  );
  const reader = new EmulatedCardReader({ today: new Date('2026-11-26') });
  await reader.open();
  const steps = async () =>
    (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}${s.detail ? ` ${s.detail}` : ''}`);
  const whereIs = (id: string) => reader.listCards().find((c) => c.cardId === id)?.location;
  return { db, journal, tx, tools, reader, steps, whereIs };
}

type World = Awaited<ReturnType<typeof world>>;

describe('a damaged card handed in at the kiosk', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(async () => {
    await w.reader.close();
    await w.db.destroy();
  });

  it('reads the holder’s card, journals the capture with the bin’s count, captures it, journals done', async () => {
    await w.reader.insertCard('zhang');
    const out = await handInOldCard(w.reader, w.tools, zhang.idNumber, new AbortController().signal);
    expect(out).toEqual({ chip: 'read' });
    expect(w.whereIs('zhang')).toBe('captured');
    expect(captureBinCount(w.reader)).toBe(1);
    const steps = await w.steps();
    expect(steps[0]).toMatch(/^oldCard\.capture:intent .*"captureBin":0/);
    expect(steps[0]).toContain('"chip":"read"');
    expect(steps[0]).not.toContain(zhang.cardNumber);
    expect(steps[1]).toBe('oldCard.capture:done');
  });

  it('fault: chip unreadable: normal for a damaged card, captured all the same', async () => {
    await w.reader.insertCard('zhang');
    w.reader.setFault('mute');
    const out = await handInOldCard(w.reader, w.tools, zhang.idNumber, new AbortController().signal);
    expect(out).toEqual({ chip: 'unreadable' });
    expect(w.whereIs('zhang')).toBe('captured');
    expect((await w.steps())[0]).toContain('"chip":"unreadable"');
  });

  it('fault: someone else’s card: ID_MISMATCH, given back at the slot, never captured', async () => {
    await w.reader.insertCard('li');
    await expect(
      handInOldCard(w.reader, w.tools, zhang.idNumber, new AbortController().signal),
    ).rejects.toMatchObject({ code: 'ID_MISMATCH' });
    expect(w.whereIs('li')).toBe('atSlot');
    expect(captureBinCount(w.reader)).toBe(0);
    const steps = await w.steps();
    expect(steps.some((s) => s.startsWith(OLD_CARD_CAPTURE))).toBe(false);
    expect(steps).toContain('oldCard.return:done');
  });

  it('fault: someone else’s card whose eject jams: the eject reported before it was asked, the reader’s fault, never captured, the return journaled failed', async () => {
    await w.reader.insertCard('li');
    w.reader.setFault('ejectJam');
    const moves: string[] = [];
    const journey = { moving: (move: string) => void moves.push(move), cardLeftForStaff: () => false };
    await expect(
      handInOldCard(w.reader, w.tools, zhang.idNumber, new AbortController().signal, journey),
    ).rejects.toMatchObject({ code: 'CARD_READER_JAM' });
    expect(moves).toEqual(['eject']);
    expect(w.whereIs('li')).toBe('inReader');
    expect(captureBinCount(w.reader)).toBe(0);
    const steps = await w.steps();
    expect(steps.some((s) => s.startsWith(OLD_CARD_CAPTURE))).toBe(false);
    expect(steps.some((s) => s.startsWith('oldCard.return:failed'))).toBe(true);
  });

  it('fault: the hand-in stopped before the capture (the session timed out): the card is given back', async () => {
    await w.reader.insertCard('zhang');
    const controller = new AbortController();
    controller.abort(new Error('the reader did not finish in time'));
    await expect(handInOldCard(w.reader, w.tools, zhang.idNumber, controller.signal)).rejects.toThrow(
      'did not finish in time',
    );
    expect(w.whereIs('zhang')).toBe('atSlot');
    expect(captureBinCount(w.reader)).toBe(0);
    expect(await w.steps()).toEqual(['oldCard.return:intent {"why":"stopped"}', 'oldCard.return:done']);
  });

  it('fault: the hand-in stopped by its journey’s backstop before the capture: the card stays in the reader for staff, nothing journaled', async () => {
    await w.reader.insertCard('zhang');
    const controller = new AbortController();
    controller.abort(new Error('the reader broke its bound'));
    const journey = { moving: () => undefined, cardLeftForStaff: () => true };
    await expect(
      handInOldCard(w.reader, w.tools, zhang.idNumber, controller.signal, journey),
    ).rejects.toThrow('broke its bound');
    expect(w.whereIs('zhang')).toBe('inReader');
    expect(await w.steps()).toEqual([]);
  });

  it('fault: old card not inserted in time: the wait ends with the abort, nothing journaled', async () => {
    const controller = new AbortController();
    const waiting = awaitCardInReader(w.reader, controller.signal);
    controller.abort(new Error('not inserted in time'));
    await expect(waiting).rejects.toThrow('not inserted in time');
    expect(await w.steps()).toEqual([]);
  });

  it('waits for the old card and goes on once it is in the reader', async () => {
    const waiting = awaitCardInReader(w.reader, new AbortController().signal);
    await w.reader.insertCard('zhang');
    await expect(waiting).resolves.toBeUndefined();
  });

  describe('restart between the capture’s intent and its outcome', () => {
    const intent = (w: World, captureBin?: number) =>
      w.journal.recordStep(w.tx, OLD_CARD_CAPTURE, 'intent', {
        chip: 'read',
        ...(captureBin === undefined ? {} : { captureBin }),
      });

    it('the card went into the bin before the restart: recovery journals it captured', async () => {
      await w.reader.insertCard('zhang');
      await intent(w, 0);
      await w.reader.retract();
      expect(await recoverOldCardHandIn(w.journal, w.reader, w.tx)).toBe(true);
      expect((await w.steps()).at(-1)).toMatch(/^recovery\.oldCard:event .*"where":"captured"/);
    });

    it('the card still in the reader is captured by boot recovery first, then journaled captured', async () => {
      await w.reader.insertCard('zhang');
      await intent(w, 0);
      // what SessionRecoveryService does with any card left in the reader, before this decision
      await w.reader.retract();
      await recoverOldCardHandIn(w.journal, w.reader, w.tx);
      expect(w.whereIs('zhang')).toBe('captured');
      expect((await w.steps()).at(-1)).toContain('"where":"captured"');
    });

    it('the bin did not grow: the card was given back, journaled so', async () => {
      await intent(w, 0);
      expect(await recoverOldCardHandIn(w.journal, w.reader, w.tx)).toBe(true);
      expect((await w.steps()).at(-1)).toContain('"where":"givenBack"');
    });

    it('no count in the intent: staff must look (false, journaled unknown)', async () => {
      await intent(w);
      expect(await recoverOldCardHandIn(w.journal, w.reader, w.tx)).toBe(false);
      const steps = await w.steps();
      expect(steps.findLast((s) => s.startsWith('recovery.oldCard'))).toContain('"where":"unknown"');
      // and listed for field staff, who settle it by their verdict (old-card-staff-settlement.ts)
      expect(steps.at(-1)).toMatch(/^recovery\.needsStaff:event .*capture bin count cannot tell/);
    });

    it('fault: the capture bin’s count journaled with the intent does not read (a torn write): where the card went is left to field staff', async () => {
      await w.reader.insertCard('zhang');
      await intent(w, 0);
      await w.reader.retract();
      await overwriteStepDetail(w.db, w.tx, OLD_CARD_CAPTURE, 'intent', '{"chip":"read","captureBin":0');
      expect(await recoverOldCardHandIn(w.journal, w.reader, w.tx)).toBe(false);
      expect((await w.steps()).findLast((s) => s.startsWith('recovery.oldCard'))).toBe(
        'recovery.oldCard:event {"where":"unknown"}',
      );
    });

    it('fault: the capture bin’s count journaled is not a count (text, another daemon’s shape): left to field staff, never guessed', async () => {
      await w.reader.insertCard('zhang');
      await intent(w, 0);
      await w.reader.retract();
      await overwriteStepDetail(w.db, w.tx, OLD_CARD_CAPTURE, 'intent', '{"chip":"read","captureBin":"0"}');
      expect(await recoverOldCardHandIn(w.journal, w.reader, w.tx)).toBe(false);
      expect((await w.steps()).findLast((s) => s.startsWith('recovery.oldCard'))).toBe(
        'recovery.oldCard:event {"where":"unknown"}',
      );
    });

    it('a capture journaled done leaves nothing to decide', async () => {
      await w.reader.insertCard('zhang');
      await handInOldCard(w.reader, w.tools, zhang.idNumber, new AbortController().signal);
      const before = await w.steps();
      expect(await recoverOldCardHandIn(w.journal, w.reader, w.tx)).toBe(true);
      expect(await w.steps()).toEqual(before);
    });
  });
});
