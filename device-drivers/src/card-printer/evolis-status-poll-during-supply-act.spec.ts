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
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, type DeviceStatus } from '@kiosk/domain';
import { EvolisCardPrinterDriver } from './evolis-card-printer.driver.js';
import { EvolisPrinterEmulator } from './evolis-printer.emulator.js';
import { streamPair } from './evolis-printer-rig.js';

const POLL_MS = 10;
/** the frames of one status read of a counting printer, in order */
const STATUS_READ = ['Rst', 'Rlr;p', 'Rco;f', 'Rrt;count', 'Rco;r'];

const opened: EvolisCardPrinterDriver[] = [];
afterEach(async () => {
  for (const driver of opened.splice(0)) await driver.close();
});

/**
 * The driver on the emulator, every frame it sends written down (`sent`, without ESC and CR);
 * `holdNext(mnemonic)` keeps the next such frame from the printer until `release()`.
 */
async function printerWithHeldFrame() {
  const emulator = new EvolisPrinterEmulator({ hopper: 5, ribbon: 10, rejectBinCapacity: 3 });
  const sent: string[] = [];
  let hold: { mnemonic: string; seen: () => void } | null = null;
  let held: (() => void) | null = null;
  const driver = new EvolisCardPrinterDriver({
    connect: async () => {
      const [ours, theirs] = streamPair();
      emulator.attach(theirs);
      const write = ours.write.bind(ours) as (chunk: Buffer) => boolean;
      ours.write = ((chunk: Buffer) => {
        const text = Buffer.from(chunk).toString('latin1').slice(1, -1);
        sent.push(text);
        if (hold && text.startsWith(hold.mnemonic)) {
          const { seen } = hold;
          hold = null;
          held = () => write(chunk);
          seen();
          return true;
        }
        return write(chunk);
      }) as Duplex['write'];
      return ours;
    },
    commandTimeoutMs: 5_000,
    statusPollMs: POLL_MS,
  });
  opened.push(driver);
  await driver.open();
  const pushed: DeviceStatus['device'][] = [];
  driver.onStatus((status) => pushed.push(status.device));
  return {
    emulator,
    driver,
    sent,
    pushed,
    holdNext: (mnemonic: string) =>
      new Promise<void>((seen) => {
        hold = { mnemonic, seen };
      }),
    release: () => {
      held?.();
      held = null;
    },
  };
}

describe('Evolis card printer: the status poll during a staff supply act', () => {
  it('fault: the poll read in the middle of a refill and pushed it online: the refill holds the printer busy, no poll frame comes between its own', async () => {
    const { emulator, driver, sent, pushed, holdNext, release } = await printerWithHeldFrame();
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
    expect(sent.slice(from, from + 11)).toEqual(['Pco;f;3', ...STATUS_READ, ...STATUS_READ]);
    expect(new Set(pushed)).toEqual(new Set(['busy', 'online']));
    expect(pushed.indexOf('online')).toBe(pushed.length - 1);
    expect(driver.status()).toMatchObject({ device: 'online' });
    expect(emulator.counts().inHopper).toBe(8);
  });

  it("fault: a poll under way as a bin emptying began had its reads and the act's frames taken in turns: the act waits it out", async () => {
    const { driver, sent, pushed, holdNext, release } = await printerWithHeldFrame();
    const pollHeld = holdNext('Rst');
    await pollHeld; // the poll's read has begun, the printer has its first frame
    const from = sent.length - 1;
    const emptying = driver.emptySupplyBin('rejectBin');
    await new Promise((taken) => setImmediate(taken)); // its turn among staff's acts
    expect(driver.status().device).toBe('busy');
    release();
    await expect(emptying).resolves.toEqual({ supply: 'rejectBin', before: 0, after: 0 });
    expect(sent.slice(from, from + 5 + 5 + 1)).toEqual([
      ...STATUS_READ, // the poll's, whole
      ...STATUS_READ, // the act's read before
      'Pco;r;0',
    ]);
    // the poll's answer, read while the act held the printer, did not flip it online mid-act
    expect(pushed[0]).toBe('busy');
    expect(pushed.indexOf('online')).toBe(pushed.length - 1);
  });

  it('two supply acts at once (two supplies, one visit) take turns: neither refused, their frames not mixed', async () => {
    const { driver, sent, holdNext, release } = await printerWithHeldFrame();
    const pcoHeld = holdNext('Pco');
    const hopper = driver.refillSupply('cardHopper', 3);
    await pcoHeld;
    const from = sent.length - 1;
    const ribbon = driver.refillSupply('ribbon', 40);
    release();
    await expect(hopper).resolves.toEqual({ supply: 'cardHopper', before: 5, after: 8 });
    await expect(ribbon).resolves.toEqual({ supply: 'ribbon', before: 10, after: 40 });
    expect(sent.slice(from, from + 1 + 10 + 5 + 1)).toEqual([
      'Pco;f;3',
      ...STATUS_READ, // the hopper refill's read after
      ...STATUS_READ, // the read once it let go
      ...STATUS_READ, // the ribbon refill's read before
      'Prt;40',
    ]);
    expect(driver.status()).toMatchObject({ device: 'online' });
  });

  it('a card job under way refuses a refill DEVICE_BUSY and is not disturbed by it', async () => {
    const { driver, holdNext, release } = await printerWithHeldFrame();
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
