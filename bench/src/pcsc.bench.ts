/**
 * Issue 4's bench: an APDU round trip through the PC/SC driver (PcscChipLink) against raw
 * `pcsclite` calls on the same virtual card in the same pcscd, and the latency from a card
 * landing on the contacts to the answer of its first APDU. pcscd runs as a child with vpcd on
 * free ports (PcscdProcess), with the TCP_NODELAY preload; one short run without it shows why.
 */
import {
  createDemoCards,
  encodeCommand,
  InMemoryCardStore,
  loadPcsclite,
  PcscChipLink,
  missingPcscStack,
  PcscdProcess,
  type PcscReader,
  selectApplication,
  type SocialSecurityCardEmulator,
  VpcdCardLink,
} from '@kiosk/device-drivers';
import { median, percentile } from './startup.bench.js';

export interface PcscBench {
  readonly skipped?: string;
  readonly rawMs: number[];
  readonly driverMs: number[];
  readonly insertToFirstApduMs: number[];
  readonly stockRawMs: number[];
}

const SELECT = encodeCommand(selectApplication());
const ROUNDS = 5;
const PER_ROUND = 200;
const INSERTS = 10;
const STOCK_APDUS = 20;

function zhangCard(): SocialSecurityCardEmulator {
  const cards = createDemoCards({ store: new InMemoryCardStore(), today: new Date('2026-11-26') });
  const card = cards.open('zhang');
  if (!card) throw new Error('no demo card for the bench');
  return card;
}

/** Connects a raw pcsclite reader by name, as an application without the driver would. */
async function rawReader(name: string): Promise<{ reader: PcscReader; protocol: number; close: () => void }> {
  const factory = loadPcsclite();
  if (!factory) throw new Error('the pcsclite binding did not load');
  const context = await factory();
  context.on('error', () => undefined); // "cancelled" once closed
  const all: PcscReader[] = [];
  const reader = await new Promise<PcscReader>((resolve) => {
    context.on('reader', (r) => {
      all.push(r);
      r.on('error', () => undefined); // every reader of the context reports pcscd going away
      if (r.name === name) resolve(r);
    });
  });
  const seen = new Promise<void>((resolve) => {
    reader.on('status', (s) => {
      if ((s.state & reader.SCARD_STATE_PRESENT) !== 0) resolve();
    });
  });
  await seen;
  const protocol = await new Promise<number>((resolve, reject) =>
    reader.connect({ share_mode: reader.SCARD_SHARE_SHARED }, (err, p) =>
      err ? reject(err) : resolve(p ?? reader.SCARD_PROTOCOL_T1),
    ),
  );
  return {
    reader,
    protocol,
    // closed from a later turn of the event loop, never inside a pcsclite callback
    close: () =>
      setImmediate(() => {
        reader.disconnect(reader.SCARD_LEAVE_CARD, () => {
          setImmediate(() => {
            for (const r of all) r.close();
            context.close();
          });
        });
      }),
  };
}

function rawTransmit(raw: { reader: PcscReader; protocol: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    raw.reader.transmit(SELECT, 258, raw.protocol, (err, data) => (err ? reject(err) : resolve(data!))),
  );
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export async function measurePcsc(): Promise<PcscBench> {
  const missing = missingPcscStack();
  if (missing !== undefined) {
    return {
      skipped: missing,
      rawMs: [],
      driverMs: [],
      insertToFirstApduMs: [],
      stockRawMs: [],
    };
  }
  const card = zhangCard();
  const result = {
    rawMs: [] as number[],
    driverMs: [] as number[],
    insertToFirstApduMs: [] as number[],
    stockRawMs: [] as number[],
  };

  const pcscd = await PcscdProcess.start();
  const contacts = new VpcdCardLink({ port: pcscd.ports[0] });
  const link = new PcscChipLink({ readerName: pcscd.readerNames[0] });
  try {
    await link.start(5000);
    await contacts.attach(card);
    // the driver holds the card exclusively during a transaction, so the two paths take turns
    for (let round = 0; round < ROUNDS; round += 1) {
      const raw = await rawReader(pcscd.readerNames[0]);
      for (let i = 0; i < 10; i += 1) await rawTransmit(raw); // warm-up
      for (let i = 0; i < PER_ROUND; i += 1) result.rawMs.push(await timed(() => rawTransmit(raw)));
      raw.close();
      await new Promise((r) => setTimeout(r, 50));
      await link.connect();
      for (let i = 0; i < 10; i += 1) await link.transmit(SELECT);
      for (let i = 0; i < PER_ROUND; i += 1) result.driverMs.push(await timed(() => link.transmit(SELECT)));
      await link.disconnect(0);
    }
    for (let i = 0; i < INSERTS; i += 1) {
      await contacts.detach();
      link.cardLeft();
      await new Promise((r) => setTimeout(r, 600)); // pcscd's poll sees the slot empty
      result.insertToFirstApduMs.push(
        await timed(async () => {
          await contacts.attach(card);
          await link.connect();
          await link.transmit(SELECT);
        }),
      );
      await link.disconnect(0);
    }
  } finally {
    await link.close();
    await contacts.close();
    await pcscd.stop();
  }

  // stock pcscd (no TCP_NODELAY on vpcd's sockets): a few APDUs are enough to see the cost
  const stock = await PcscdProcess.start({ nodelay: false });
  const stockContacts = new VpcdCardLink({ port: stock.ports[0] });
  try {
    await stockContacts.attach(card);
    const raw = await rawReader(stock.readerNames[0]);
    await rawTransmit(raw);
    for (let i = 0; i < STOCK_APDUS; i += 1) result.stockRawMs.push(await timed(() => rawTransmit(raw)));
    raw.close();
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    await stockContacts.close();
    await stock.stop();
  }
  return result;
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);

/** The section of bench/RESULTS.md. */
export function pcscSection(bench: PcscBench): string[] {
  const head = ['## Smart-card reader on PC/SC (issue 4)', ''];
  if (bench.skipped) return [...head, `Not measured: ${bench.skipped}.`, ''];
  const rawP50 = median(bench.rawMs);
  const driverP50 = median(bench.driverMs);
  const ratio = driverP50 / rawP50;
  return [
    ...head,
    `SELECT of the social-security application, answered by the virtual card through vpcd and a pcscd child (TCP_NODELAY`,
    `preload): ${ROUNDS} alternating rounds of ${PER_ROUND} round trips on each path after 10 warm-up ones, the same card in`,
    'the same pcscd. Raw: `pcsclite` reader.transmit on a shared connection. Driver: PcscChipLink.transmit on its exclusive',
    'connection (deadline, abort and error mapping included).',
    '',
    '| path | p50 (ms) | p99 (ms) |',
    '| --- | ---: | ---: |',
    `| raw pcsclite (baseline) | ${fmt(rawP50, 3)} | ${fmt(percentile(bench.rawMs, 99), 3)} |`,
    `| driver | ${fmt(driverP50, 3)} | ${fmt(percentile(bench.driverMs, 99), 3)} |`,
    `| ratio of p50 | ${fmt(ratio)}× (goal ≤ 1.1×: ${ratio <= 1.1 ? 'met' : 'NOT met'}) | |`,
    `| raw pcsclite on stock pcscd (no preload), ${STOCK_APDUS} APDUs | ${fmt(median(bench.stockRawMs), 1)} | ${fmt(percentile(bench.stockRawMs, 99), 1)} |`,
    '',
    `Card on the contacts to the answer of its first APDU, ${INSERTS} insertions (pcscd notices a card on its own poll of`,
    `vpcd, about every 400 ms): median ${fmt(median(bench.insertToFirstApduMs), 0)} ms, max ${fmt(Math.max(...bench.insertToFirstApduMs), 0)} ms.`,
    '',
  ];
}
