/**
 * Fault: the card printer answers again while a resident's session runs (or is being started). The
 * comeback's settlement of a new card left at the slot (`card-printer-back-watch.ts`) moves the
 * printer and the kiosk's state, so it never runs beside a resident: the comeback is not acted on
 * then, and the session's end, a reason to look, settles it once.
 *
 * A real terminal's Evolis emulator over TCP, the real journal in SQLite, the kiosk's root machine,
 * the daemon's watch with recovery's hands and card-making rules.
 */
import { cardReports, printerAnswers } from '../journeys/new-card-left-at-slot.spec-support.js';
import { CARD } from '../journeys/issue-card-on-real-terminal.spec-support.js';
import { openCardsLeftAtSlot } from '../journeys/new-card-left-at-slot.js';
import { settleCardsLeftAtSlot } from './card-printer-back-settlement.js';
import { CardPrinterBackWatch } from './card-printer-back-watch.js';
import { isOpen, kioskWithCardLeft } from './card-printer-back.spec-support.js';
import { healthy } from './kiosk-in-service.spec-support.js';

type Kiosk = Awaited<ReturnType<typeof kioskWithCardLeft>>;
let k: Kiosk | undefined;
let watch: CardPrinterBackWatch | undefined;
afterEach(async () => {
  watch?.stop();
  watch = undefined;
  await k?.close();
  k = undefined;
});

const quiet = { warn: () => undefined, error: () => undefined };

describe('printer-back-while-session-runs', () => {
  it("fault: the printer answers again during a resident's session: nothing moved beside it; settled once, at the session's end", async () => {
    k = await kioskWithCardLeft();
    const { world, before, hands, deps } = k;
    // the daemon's watch, with a session that runs until it ends (the kit's own watch stood down)
    k.watch.stop();
    let sessionRuns = true;
    watch = new CardPrinterBackWatch({
      printer: world.printer,
      kiosk: k.kiosk,
      recovery: {
        settleWhenTheCardPrinterIsBack: async (skip) => ({
          ...(await settleCardsLeftAtSlot(hands, deps, skip)),
          undecided: 0,
        }),
      },
      cardsLeft: () => openCardsLeftAtSlot(world.journal),
      sessionRuns: () => sessionRuns,
      statuses: healthy,
      settled: () => undefined,
      log: quiet,
    });
    watch.start();

    // the comeback, and the session's own reasons to look while it runs
    expect(await printerAnswers(world)).toBe(true);
    await watch.check();
    await watch.idle();
    expect(world.devices.printerEmulator.cardPosition()).toBe('outputSlot');
    expect(world.rejectBin()).toBe(before.rejectBin);
    expect(cardReports(world)).toEqual([]);
    expect(await isOpen(world)).toBe(true);

    // the session ended
    sessionRuns = false;
    await watch.check();
    await watch.idle();
    expect(cardReports(world)).toEqual([`card:abandoned:${CARD}`]);
    expect(world.devices.printerEmulator.cardPosition()).toBe('none');
    expect(world.rejectBin()).toBe((before.rejectBin ?? 0) + 1);
    expect(await isOpen(world)).toBe(false);
  });
});
