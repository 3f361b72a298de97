/**
 * A blank the kiosk feeds, counted out of the journal's count of a hopper the printer does not
 * count (`kiosk-fed-blank.ts`): once, journal first, caught up from the journaled steps after a
 * restart; a printer that counts its hopper keeps its own count. The real journal (in-memory
 * SQLite); the printer a stand-in that reports where its card is and whether it counts.
 */
import type { CardPrinterPort, PrinterCardPosition } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { detailCount } from '../journal/step-detail.js';
import { journaledAct, recordDeviceCounters } from './journey-tools.js';
import { catchUpKioskFeeds, feedCounted } from './kiosk-fed-blank.js';

/** A card printer that counts its hopper (`hopper` a number) or not (undefined); the card at `position`. */
function printerStandIn(state: { hopper: number | undefined; position: PrinterCardPosition }) {
  return {
    status: () => ({
      kind: 'cardPrinter',
      state: 'online',
      supplies: [
        { name: 'cardHopper', level: 'ok', ...(state.hopper === undefined ? {} : { count: state.hopper }) },
      ],
    }),
    cardPosition: () => state.position,
  } as unknown as CardPrinterPort;
}

const blanks = async (journal: JournalService) =>
  (await journal.counters.latestCounters()).cardPrinter?.counters.blanks;

async function feedOf(
  journal: JournalService,
  printer: CardPrinterPort,
  tx: string,
  act: () => Promise<void>,
) {
  return feedCounted(journal, printer, (count) => journaledAct(journal, tx, 'card.feed', act, count));
}

describe('blanks fed, in the journal count of a hopper the printer does not count', () => {
  let journal: JournalService;
  let close: () => Promise<void>;
  beforeEach(async () => {
    const opened = await openMemoryJournal();
    journal = opened.journal;
    close = () => opened.db.destroy();
  });
  afterEach(() => close());

  it('a blank fed: the count one down, its intent carrying the count it makes', async () => {
    const state = { hopper: undefined, position: 'none' as PrinterCardPosition };
    const printer = printerStandIn(state);
    await journal.counters.recordCounters('cardPrinter', { blanks: 45, rejectBin: 0 });
    const tx = await journal.openTransaction('s1', 'issueCard');
    await feedOf(journal, printer, tx, async () => {
      state.position = 'chipStation';
    });
    expect(await blanks(journal)).toBe(44);
    const [intent] = await journal.stepsOf(tx);
    expect(detailCount(intent!, 'journalBlanks')).toBe(44);
    // the printer's counts recorded again carry the journal's count forward
    await recordDeviceCounters(journal, printer.status());
    expect((await journal.counters.latestCounters()).cardPrinter?.counters).toEqual({
      blanks: 44,
      rejectBin: 0,
    });
  });

  it('a printer that counts its hopper keeps its own count, never the journal’s', async () => {
    const state = { hopper: 30 as number | undefined, position: 'none' as PrinterCardPosition };
    const printer = printerStandIn(state);
    await journal.counters.recordCounters('cardPrinter', { blanks: 45 });
    const tx = await journal.openTransaction('s1', 'issueCard');
    await feedOf(journal, printer, tx, async () => {
      state.hopper = 29;
      state.position = 'chipStation';
    });
    const steps = await journal.stepsOf(tx);
    expect(detailCount(steps[0]!, 'journalBlanks')).toBeUndefined();
    expect(await blanks(journal)).toBe(45);
    await catchUpKioskFeeds(journal, printer, steps, 'chipStation');
    await recordDeviceCounters(journal, printer.status());
    expect(await blanks(journal)).toBe(29);
  });

  it('fault: a feed that fails with no card inside (the hopper empty) counts nothing; one that leaves a card inside (a jam) counts it', async () => {
    const state = { hopper: undefined, position: 'none' as PrinterCardPosition };
    const printer = printerStandIn(state);
    await journal.counters.recordCounters('cardPrinter', { blanks: 2 });
    const tx = await journal.openTransaction('s1', 'issueCard');
    const empty = feedOf(journal, printer, tx, () =>
      Promise.reject(new KioskError(ErrorCode.DEVICE_SUPPLY_EMPTY, 'empty')),
    );
    await expect(empty).rejects.toThrow('empty');
    expect(await blanks(journal)).toBe(2);
    const jam = feedOf(journal, printer, tx, () => {
      state.position = 'jammed';
      return Promise.reject(new KioskError(ErrorCode.CARD_PRINTER_JAM, 'jam'));
    });
    await expect(jam).rejects.toThrow('jam');
    expect(await blanks(journal)).toBe(1);
  });

  it('fault: a feed refused over a card left inside (DEVICE_BUSY) counts no blank, live or caught up at boot', async () => {
    // a blank left inside by an earlier run (the printer silent at that boot): the next feed is
    // refused with it there, no blank leaves the hopper, and the reject that follows files that one
    const state = { hopper: undefined, position: 'chipStation' as PrinterCardPosition };
    const printer = printerStandIn(state);
    await journal.counters.recordCounters('cardPrinter', { blanks: 7 });
    const tx = await journal.openTransaction('s1', 'issueCard');
    const refused = feedOf(journal, printer, tx, () =>
      Promise.reject(new KioskError(ErrorCode.DEVICE_BUSY, 'A card is already inside the card printer.')),
    );
    await expect(refused).rejects.toThrow('already inside');
    expect(await blanks(journal)).toBe(7);
    // a restart before the reject: the boot's catch-up counts none either
    await journal.recordStep(tx, 'card.reject', 'intent', {});
    await catchUpKioskFeeds(journal, printer, await journal.stepsOf(tx), 'chipStation');
    expect(await blanks(journal)).toBe(7);
  });

  it('fault: a journal without a hopper count, or counting it empty, makes none up', async () => {
    const printer = printerStandIn({ hopper: undefined, position: 'chipStation' });
    const tx = await journal.openTransaction('s1', 'issueCard');
    await feedOf(journal, printer, tx, async () => undefined);
    expect(await blanks(journal)).toBeUndefined();
    await journal.counters.recordCounters('cardPrinter', { blanks: 0 });
    await feedOf(journal, printer, tx, async () => undefined);
    expect(await blanks(journal)).toBe(0);
  });

  it('fault: restart between the feed and its count: caught up from its steps, once; a refill since is left', async () => {
    const printer = printerStandIn({ hopper: undefined, position: 'none' });
    await journal.counters.recordCounters('cardPrinter', { blanks: 45 });
    const after = await journal.counters.lastRecord();
    const tx = await journal.openTransaction('s1', 'issueCard');
    const intent = { journalBlanks: 44, countsAfter: after };
    // done, its count cut off; then a failed one whose blank was rejected from inside
    await journal.recordStep(tx, 'card.feed', 'intent', intent);
    await journal.recordStep(tx, 'card.feed', 'done');
    await journal.recordStep(tx, 'card.feed', 'intent', { journalBlanks: 43, countsAfter: after });
    await journal.recordStep(tx, 'card.feed', 'failed', { code: ErrorCode.CARD_PRINTER_JAM });
    await journal.recordStep(tx, 'card.reject', 'intent', {});
    const steps = await journal.stepsOf(tx);
    await catchUpKioskFeeds(journal, printer, steps, 'none');
    expect(await blanks(journal)).toBe(43);
    // the next boot finds it counted: nothing more
    await catchUpKioskFeeds(journal, printer, steps, 'none');
    expect(await blanks(journal)).toBe(43);

    // a feed without outcome: its blank inside counts, none inside does not
    const next = await journal.counters.lastRecord();
    const cut = await journal.openTransaction('s2', 'issueCard');
    await journal.recordStep(cut, 'card.feed', 'intent', { journalBlanks: 42, countsAfter: next });
    await catchUpKioskFeeds(journal, printer, await journal.stepsOf(cut), 'none');
    expect(await blanks(journal)).toBe(43);
    // staff refilled since the intent: the hopper moved another way, left as refilled
    await journal.counters.recordCounters('cardPrinter', { blanks: 50 });
    await catchUpKioskFeeds(journal, printer, await journal.stepsOf(cut), 'chipStation');
    expect(await blanks(journal)).toBe(50);
  });
});
