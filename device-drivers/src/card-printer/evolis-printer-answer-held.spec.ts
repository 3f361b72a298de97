/**
 * The emulated card printer's late answer (`holdAnswer`: the specs' way to have one command
 * answered after the kiosk stopped waiting for it, e.g. a new card's retract answering done after
 * the journey's step ran out): the printer acts on the frame at once (the card moved, counted, its
 * state remembered) and answers it only once released; frames after it are answered in turn after
 * it, as a printer answers in order. The driver on the byte-level emulator over loopback TCP.
 */
import { eventually } from '@kiosk/domain/testing';
import { closePrinters, printer } from './evolis-printer-rig.js';

afterEach(closePrinters);

describe('Evolis card printer emulator: an answer held', () => {
  it("a reject whose answer is held: the card in the bin at once, the driver's act waits until released, then answers done", async () => {
    const { emulator, driver } = await printer();
    await driver.feedToChipStation();
    const release = emulator.holdAnswer('Ser');
    let answered = false;
    const reject = driver.ejectToRejectBin('other').then(() => (answered = true));
    // the emulator acts on its own event loop turn
    await eventually(() => emulator.counts().rejected, 'the card in the reject bin', {
      withinMs: 10_000,
      until: (rejected) => rejected === 1,
    });
    expect(emulator.cardPosition()).toBe('none');
    expect(answered).toBe(false);
    expect(driver.status().device).toBe('busy');

    release();
    await reject;
    expect(answered).toBe(true);
    expect(driver.status().device).not.toBe('busy');
    expect(emulator.counts()).toMatchObject({ rejected: 1, inPrinter: 0 });
  });

  it('only the next frame of that command is held: the one after it is answered at once', async () => {
    const { emulator, driver } = await printer();
    await driver.feedToChipStation();
    const release = emulator.holdAnswer('Ser');
    const first = driver.ejectToRejectBin('other');
    // the emulator acts on its own event loop turn
    await eventually(() => emulator.counts().rejected, 'the card in the reject bin', {
      withinMs: 10_000,
      until: (rejected) => rejected === 1,
    });
    release();
    await first;
    await driver.feedToChipStation();
    await driver.ejectToRejectBin('other');
    expect(emulator.counts().rejected).toBe(2);
  });
});
