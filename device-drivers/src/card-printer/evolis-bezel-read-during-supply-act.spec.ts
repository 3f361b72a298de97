/**
 * Fault: the bezel watch's reads fell between a staff supply act's frames. A staff refill or bin
 * emptying holds the card printer busy (ddb9a3f): the idle status poll skips its turns and one
 * under way is waited out. But staff may refill while a new card waits at the slot, and the bezel
 * watch read on: its sensor read came in between the act's command and its reads, and a read
 * under way as the act began (the card taken then: its status read, and the card taken told) had
 * its frames and the act's taken in turns. Now the watch takes its turn under the same hold: no
 * read of its starts while an act holds the printer (it reads at its next turn), and an act waits
 * out one under way before its first frame. The driver on the byte-level emulator over a pair of
 * stream ends; one frame of the driver's held back to stand for a printer slow to take it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  STATUS_READ,
  closePrinters,
  face,
  printerWithHeldFrame,
  pushedStates,
} from './evolis-printer-rig.js';

const TAKE_POLL_MS = 5;
/** the frames of one status read */
const READ = STATUS_READ.length;

afterEach(closePrinters);

/**
 * The driver on the emulator with a new card waiting at the slot (its bezel watched), every frame
 * it sends written down (`sent`, without ESC and CR); `holdNext(mnemonic)` keeps the next such
 * frame from the printer until `release()`; `pushed`, the device states it pushes once the card
 * is at the slot. No idle status poll: the bezel watch alone reads.
 */
async function cardAtSlotWithHeldFrame() {
  const printer = await printerWithHeldFrame({ statusPollMs: 0, takePollMs: TAKE_POLL_MS });
  const { driver } = printer;
  await driver.feedToChipStation();
  await driver.printFace(face());
  let taken = 0;
  driver.onCardTaken(() => (taken += 1));
  await driver.ejectToOutput();
  return { ...printer, pushed: pushedStates(driver), taken: () => taken };
}

/** Resolves once `done()` holds, looked at every few ms (no fixed wait). */
function until(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const look = () => (done() ? resolve() : setTimeout(look, 5));
    look();
  });
}

describe('Evolis card printer: the bezel watch during a staff supply act', () => {
  it("fault: a bezel read came between a refill's frames while a card waited at the slot: the watch waits its turn, the card still seen taken after", async () => {
    const { emulator, driver, sent, holdNext, release, taken } = await cardAtSlotWithHeldFrame();
    const pcoHeld = holdNext('Pco');
    const refill = driver.refillSupply('cardHopper', 3);
    await pcoHeld;
    const from = sent.length - 1;
    await sleep(TAKE_POLL_MS * 10); // the watch's turns come round while the printer has the refill's frame
    expect(driver.status().device).toBe('busy');
    release();
    await expect(refill).resolves.toEqual({ supply: 'cardHopper', before: 4, after: 7 });
    // the refill's command, its own read of the count, then the read once it let go: no bezel read
    expect(sent.slice(from, from + 1 + 2 * READ)).toEqual(['Pco;f;3', ...STATUS_READ, ...STATUS_READ]);
    expect(driver.status().device).toBe('online');
    // the watch goes on after the act: the card still at the slot, then taken, told once
    await until(() => sent.slice(from + 1 + 2 * READ).includes('Rse;b'));
    expect(taken()).toBe(0);
    expect(emulator.takeCard()).toMatch(/^blank-/);
    await until(() => taken() > 0);
    expect(taken()).toBe(1);
  });

  it('fault: a bezel read under way as a refill began, the card taken then: the refill waits it out (its status read and the card taken told) before its first frame', async () => {
    const { emulator, driver, sent, pushed, holdNext, release, taken } = await cardAtSlotWithHeldFrame();
    const rseHeld = holdNext('Rse');
    await rseHeld; // the watch's read has begun, the printer has its frame
    expect(emulator.takeCard()).toMatch(/^blank-/);
    const from = sent.length - 1;
    const refill = driver.refillSupply('cardHopper', 3);
    await new Promise((turn) => setImmediate(turn)); // its turn among staff's acts
    expect(driver.status().device).toBe('busy');
    release();
    await expect(refill).resolves.toEqual({ supply: 'cardHopper', before: 4, after: 7 });
    expect(sent.slice(from, from + 1 + 4 * READ + 1)).toEqual([
      'Rse;b',
      ...STATUS_READ, // the card taken: the watch's read of the status, whole
      ...STATUS_READ, // the refill's read before
      'Pco;f;3',
      ...STATUS_READ, // the refill's read of the count
      ...STATUS_READ, // the read once it let go
    ]);
    expect(taken()).toBe(1);
    // the watch's read, done while the act held the printer, did not flip it online mid-act
    expect(pushed[0]).toBe('busy');
    expect(pushed.indexOf('online')).toBe(pushed.length - 1);
  });
});
