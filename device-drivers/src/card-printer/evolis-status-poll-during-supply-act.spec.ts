/**
 * Fault: a staff refill or bin emptying did not hold the card printer busy as a card job does.
 * The idle status poll went on through it: its reads came in between the act's frames on the one
 * line, and its answer, read as "online" (the act was no job), was pushed in the middle of the act;
 * a poll already under way as the act began had its frames and the act's taken in turns; a card job
 * asked for during the act was not refused. Now a supply act holds the driver busy: the poll skips
 * its turns, one under way is waited out before the act's first frame, a card job is refused
 * DEVICE_BUSY, and the status reads busy until the act let go. The driver on the byte-level
 * emulator over a pair of stream ends; one frame of the driver's held back to stand for a printer
 * slow to take it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode } from '@kiosk/domain';
import { STATUS_READ, closePrinters, printerWithHeldFrame, pushedStates } from './evolis-printer-rig.js';

const POLL_MS = 10;
/** the frames of one status read */
const READ = STATUS_READ.length;

afterEach(closePrinters);

/**
 * The driver on the emulator with the idle status poll, every frame it sends written down
 * (`sent`); `holdNext(mnemonic)` keeps the next such frame from the printer until `release()`;
 * `pushed`, the device states it pushes from its open on.
 */
async function polledPrinterWithHeldFrame() {
  const printer = await printerWithHeldFrame({ statusPollMs: POLL_MS });
  return { ...printer, pushed: pushedStates(printer.driver) };
}

describe('Evolis card printer: the status poll during a staff supply act', () => {
  it('fault: the poll read in the middle of a refill and pushed it online: the refill holds the printer busy, no poll frame comes between its own', async () => {
    const { emulator, driver, sent, pushed, holdNext, release } = await polledPrinterWithHeldFrame();
    const pcoHeld = holdNext('Pco');
    const refill = driver.refillSupply('cardHopper', 3);
    await pcoHeld;
    const from = sent.length - 1;
    await sleep(POLL_MS * 6); // the poll's turns come round while the printer has the refill's frame
    expect(driver.status().device).toBe('busy');
    await expect(driver.feedToChipStation()).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    release();
    await expect(refill).resolves.toEqual({ supply: 'cardHopper', before: 5, after: 8 });
    // the refill's command, its own read of the count, then the read once it let go
    expect(sent.slice(from, from + 1 + 2 * READ)).toEqual(['Pco;f;3', ...STATUS_READ, ...STATUS_READ]);
    expect(new Set(pushed)).toEqual(new Set(['busy', 'online']));
    expect(pushed.indexOf('online')).toBe(pushed.length - 1);
    expect(driver.status()).toMatchObject({ device: 'online' });
    expect(emulator.counts().inHopper).toBe(8);
  });

  it("fault: a poll under way as a bin emptying began had its reads and the act's frames taken in turns: the act waits it out", async () => {
    const { driver, sent, pushed, holdNext, release } = await polledPrinterWithHeldFrame();
    const pollHeld = holdNext('Rst');
    await pollHeld; // the poll's read has begun, the printer has its first frame
    const from = sent.length - 1;
    const emptying = driver.emptySupplyBin('rejectBin');
    await new Promise((taken) => setImmediate(taken)); // its turn among staff's acts
    expect(driver.status().device).toBe('busy');
    release();
    await expect(emptying).resolves.toEqual({ supply: 'rejectBin', before: 0, after: 0 });
    expect(sent.slice(from, from + 2 * READ + 1)).toEqual([
      ...STATUS_READ, // the poll's, whole
      ...STATUS_READ, // the act's read before
      'Pco;r;0',
    ]);
    // the poll's answer, read while the act held the printer, did not flip it online mid-act
    expect(pushed[0]).toBe('busy');
    expect(pushed.indexOf('online')).toBe(pushed.length - 1);
  });

  it('two supply acts at once (two supplies, one visit) take turns: neither refused, their frames not mixed', async () => {
    const { driver, sent, holdNext, release } = await polledPrinterWithHeldFrame();
    const pcoHeld = holdNext('Pco');
    const hopper = driver.refillSupply('cardHopper', 3);
    await pcoHeld;
    const from = sent.length - 1;
    const ribbon = driver.refillSupply('ribbon', 40);
    release();
    await expect(hopper).resolves.toEqual({ supply: 'cardHopper', before: 5, after: 8 });
    await expect(ribbon).resolves.toEqual({ supply: 'ribbon', before: 10, after: 40 });
    expect(sent.slice(from, from + 1 + 3 * READ + 1)).toEqual([
      'Pco;f;3',
      ...STATUS_READ, // the hopper refill's read after
      ...STATUS_READ, // the read once it let go
      ...STATUS_READ, // the ribbon refill's read before
      'Prt;40',
    ]);
    expect(driver.status()).toMatchObject({ device: 'online' });
  });

  it('a card job under way refuses a refill DEVICE_BUSY and is not disturbed by it', async () => {
    const { driver, holdNext, release } = await polledPrinterWithHeldFrame();
    const sisHeld = holdNext('Sis');
    const feed = driver.feedToChipStation();
    await sisHeld;
    await expect(driver.refillSupply('cardHopper', 3)).rejects.toMatchObject({
      code: ErrorCode.DEVICE_BUSY,
    });
    release();
    await feed;
    expect(driver.cardPosition()).toBe('chipStation');
  });
});
