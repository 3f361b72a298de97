/**
 * Fault: the card printer went offline for a moment while a new card waited at its slot, and the
 * kiosk took the card for taken. The driver's bezel watch read the offline printer's refusal as
 * 0 V on the sensor: the card was counted issued (`card.taken`, the journal's issued count), the
 * office told `issued`, the resident's session went on, while the card lay at the slot: counted
 * nowhere it was, and once pulled in by anyone, in a reject bin the journal said nothing of. Now
 * a refused read is a failed read (`evolis-card-printer.driver.ts`): the card waits for the
 * resident or the take timeout as before, and one not taken is retracted into the reject bin,
 * counted there once, and reported abandoned.
 *
 * The built daemon over socket.io, its escape-command driver on TCP to the byte-level card printer
 * emulator (the demo panel's fault and counts), the SQLite journal file.
 */
import { daemonForSuite } from './daemon-for-suite.js';
import { newCardAtSlotWorld } from './new-card-at-slot-world.js';

/** bezel reads refused while the printer is offline, each of which the old driver took for 0 V */
const SEVERAL_READS = 4;

describe('a new card at the slot while the card printer is offline, through the real daemon', () => {
  const suite = daemonForSuite([
    ...['--set', 'devices.cardPrinter.hopper=20'],
    ...['--set', 'timeouts.cardTakeMs=6000'],
    ...['--set', 'timeouts.endedViewMs=2000'],
  ]);

  const { newCardAtSlot, lastCardMaking, counts, expectOneMoreRejected } = newCardAtSlotWorld(suite);

  it('fault: printer offline for a moment with the card at the slot: never counted issued; not taken, retracted into the reject bin, counted there once, reported abandoned', async () => {
    const { ui } = suite;
    await newCardAtSlot(30_000);
    const before = await counts();

    expect(await ui.emit('demo.fault', { device: 'cardPrinter', fault: 'offline' })).toEqual({ ok: true });
    await ui.waitForKiosk(
      (k) =>
        k.devices.find((d) => d.kind === 'cardPrinter')?.device === 'offline' &&
        !k.journeysOffered.includes('issueCard'),
      10_000,
    );
    // several bezel reads refused (the driver reads it every 250 ms while the card waits; the
    // emulator's count): the card still waits at the slot (a card taken for taken ends the reads)
    await Promise.race([
      ui.demoLooks('cardPrinter', SEVERAL_READS, 10_000),
      ui.waitForSession((v) => v?.step !== 'takeNewCard', 10_000),
    ]);
    expect(ui.session?.step).toBe('takeNewCard');
    expect(await ui.emit('demo.fault', { device: 'cardPrinter', fault: null })).toEqual({ ok: true });

    const ended = await ui.waitForSession((v) => v?.step === 'ended', 20_000);
    expect(ended?.error?.code).toBe('CARD_NOT_TAKEN_RETRACTED');
    await ui.emit('demo.idCard', { action: 'remove' });
    await ui.waitForSession((v) => v === null, 15_000);
    const { steps, named } = lastCardMaking();
    expect(named).not.toContain('card.taken:event');
    expect(named.filter((s) => s === 'card.retract:done')).toHaveLength(1);
    expect(steps.find((s) => s.step === 'host.issued' && s.phase === 'intent')?.detail).toContain(
      'abandoned',
    );
    // one more rejected, none issued, none left inside
    await expectOneMoreRejected(before);
  }, 120_000);
});
