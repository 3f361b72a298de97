/**
 * Fault: a receipt printer's late answers to a status query were read as the answers to the next
 * one, and every query after it read its answers one place out. The driver asks DLE EOT 1 to 4
 * together and pairs the one-byte answers with them by order (they name no n). A printer that
 * answered two of the four within the status time (the other two late: a printer busy with a
 * picture's data, a loaded network) left the next query reading the late DLE EOT 3 and 4 answers
 * as its 1 and 2: the paper near-end (DLE EOT 4, bits 2 and 3) read as a cover open (DLE EOT 2,
 * bit 2), and the near-end lost. Now the answers owed are awaited (up to the status time) and
 * dropped before a new query goes out; a printer silent through that wait is not waited on again
 * until it is heard. The printer is played by hand over an in-memory line on a simulated clock,
 * answering its queries in order: `holdAfter(n)` lets n answers out, then keeps the rest back.
 */
import { Duplex } from 'node:stream';
import { describe, expect, it, jest } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { onSimulatedClock, refusedAfter, settle } from '../common/simulated-clock.spec-support.js';
import { EscposPrinterDriver } from './escpos-printer.driver.js';
import { DLE, EOT, NORMAL_FLAGS, encodeRealtimeStatus, type RealtimeStatusKind } from './escpos.protocol.js';

const STATUS_MS = 1_000;
/** online, cover closed, no error, the roll near its end */
const FLAGS = { ...NORMAL_FLAGS, paperNearEnd: true };

function handPlayedPrinter() {
  const queued: number[] = [];
  const asked: number[] = [];
  let budget = Number.POSITIVE_INFINITY;
  const stream = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      for (let i = 0; i + 2 < chunk.length; i += 1) {
        if (chunk[i] !== DLE || chunk[i + 1] !== EOT) continue;
        const n = chunk[i + 2] as RealtimeStatusKind;
        asked.push(n);
        queued.push(encodeRealtimeStatus(n, FLAGS));
      }
      flush();
      done();
    },
  });
  const flush = () => {
    const out = queued.splice(0, Math.min(budget, queued.length));
    budget -= out.length;
    if (out.length > 0) stream.push(Buffer.from(out));
  };
  return {
    stream,
    asked,
    holdAfter: (n: number) => (budget = n),
    release: () => {
      budget = Number.POSITIVE_INFINITY;
      flush();
    },
  };
}

let driver: EscposPrinterDriver | undefined;

onSimulatedClock(async () => {
  await driver?.close();
  driver = undefined;
});

async function openedOn(printer: ReturnType<typeof handPlayedPrinter>): Promise<EscposPrinterDriver> {
  driver = new EscposPrinterDriver({
    connect: () => Promise.resolve(printer.stream),
    statusTimeoutMs: STATUS_MS,
    idlePollMs: 0,
  });
  await driver.open();
  expect(driver.status()).toMatchObject({ device: 'online', supplies: [{ level: 'low' }] });
  return driver;
}

/** A status query the printer leaves unanswered in time: refused offline at the status time. */
const unanswered = (query: Promise<unknown>, ms = STATUS_MS) =>
  refusedAfter(query, ms, ErrorCode.DEVICE_OFFLINE);

describe('fault: escpos-late-status-answer-read-for-the-next', () => {
  it('two answers of four late: the next query reads its own, the near-end as near-end, no cover open', async () => {
    const printer = handPlayedPrinter();
    const driver = await openedOn(printer);
    printer.holdAfter(2);
    await unanswered(driver.refreshStatus());

    const next = driver.refreshStatus();
    await settle();
    await jest.advanceTimersByTimeAsync(STATUS_MS / 4);
    printer.release(); // DLE EOT 3 and 4 of the query given up on, at last
    await settle();
    const status = await next;
    expect(status).toMatchObject({ device: 'online', supplies: [{ level: 'low' }] });
    expect(status.fault).toBeUndefined();
    // and the one after it too: nothing left out of place
    await expect(driver.refreshStatus()).resolves.toMatchObject({ device: 'online' });
    expect(printer.asked).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]);
  });

  it('a printer that stays silent is waited on for its late answers once, not before every query', async () => {
    const printer = handPlayedPrinter();
    const driver = await openedOn(printer);
    printer.holdAfter(0);
    await unanswered(driver.refreshStatus());
    await unanswered(driver.refreshStatus(), 2 * STATUS_MS); // the late answers waited for first
    await unanswered(driver.refreshStatus()); // silent since: asked at once
  });
});
