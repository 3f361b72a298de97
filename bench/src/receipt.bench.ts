/**
 * Issue 5's bench: a 60-record account-records receipt composed by our ESC/POS encoder, sent by
 * the ESC/POS driver over loopback TCP (port 9100 style) into the byte-level printer emulator,
 * which parses it, lays out the paper and renders the text, and the driver's confirmation after
 * the cut. The baseline, measured in the same run, round after round in turn: the same bytes over
 * the same kind of loopback TCP connection into a sink that only counts them and answers one
 * byte when all arrived, so the ratio is what composing, the status protocol and emulating cost
 * above the bare transport. The PNG rendering (what the demo panel shows) is timed on its own.
 */
import { connect } from 'node:net';
import {
  EscposPrinterDriver,
  EscposPrinterEmulator,
  encodeReceipt,
  parseReceipt,
  recordsReceipt,
  tcpPrinterConnector,
  type Receipt,
} from '@kiosk/device-drivers';
import { median, percentile } from './startup.bench.js';
import { countingSink, sendRaw } from './tcp-baseline.js';

export interface ReceiptBench {
  readonly records: number;
  readonly bytes: number;
  readonly composeMs: number[];
  readonly printMs: number[];
  readonly baselineMs: number[];
  readonly pngMs: number[];
  readonly pngBytes: number;
  readonly pngSkipped?: string;
}

const RECORDS = 60;
const ROUNDS = 40;
const WARM_UP = 5;

function sixtyRecordReceipt(): Receipt {
  const records = Array.from({ length: RECORDS }, (_, i) => ({
    date: `2026-${String(1 + (i % 11)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
    description: i % 3 === 0 ? '门诊' : i % 3 === 1 ? '药店购药' : '划入',
    amountFen: i % 3 === 2 ? 12_345 : -(1_000 + i * 37),
  }));
  return recordsReceipt(
    {
      locale: 'zh-CN',
      kioskId: 'JZ-0001',
      serial: '20261126-000042',
      printedAt: new Date('2026-11-26T12:30:00Z'),
      verificationKey: 'bench',
    },
    { holder: { name: '张三明', cardNumber: 'A98765432' }, records, balanceFen: 356_780 },
  );
}

export async function measureReceipt(rounds = ROUNDS): Promise<ReceiptBench> {
  const receipt = sixtyRecordReceipt();
  const composeMs: number[] = [];
  let bytes = encodeReceipt(parseReceipt(receipt));

  const emulator = new EscposPrinterEmulator({ chineseByDefault: true, keepReceipts: 2 });
  const { host, port } = await emulator.listen(0, '127.0.0.1');
  const driver = new EscposPrinterDriver({ connect: tcpPrinterConnector(host, port), idlePollMs: 0 });
  await driver.open();
  const sink = await countingSink(bytes.length);
  const raw = connect({ host: '127.0.0.1', port: sink.port });
  raw.setNoDelay(true);
  await new Promise<void>((resolve) => raw.once('connect', () => resolve()));

  const printMs: number[] = [];
  const baselineMs: number[] = [];
  const pngMs: number[] = [];
  let pngBytes = 0;
  let pngSkipped: string | undefined;
  try {
    for (let i = 0; i < WARM_UP + rounds; i += 1) {
      const counted = i >= WARM_UP;
      let t = performance.now();
      await sendRaw(raw, bytes);
      if (counted) baselineMs.push(performance.now() - t);

      t = performance.now();
      bytes = encodeReceipt(parseReceipt(receipt));
      if (counted) composeMs.push(performance.now() - t);

      t = performance.now();
      const cut = emulator.nextReceipt();
      await driver.print(receipt);
      const printed = await cut;
      if (counted) printMs.push(performance.now() - t);
      if (printed.text.split('\n').filter((l) => /^2026-\d\d-\d\d /.test(l)).length !== RECORDS) {
        throw new Error('the emulator did not print all 60 records');
      }
      if (counted && !pngSkipped) {
        try {
          t = performance.now();
          pngBytes = printed.png().length;
          pngMs.push(performance.now() - t);
        } catch (e) {
          pngSkipped = (e as Error).message;
        }
      }
    }
  } finally {
    raw.destroy();
    await sink.close();
    await driver.close();
    await emulator.close();
  }
  return {
    records: RECORDS,
    bytes: bytes.length,
    composeMs,
    printMs,
    baselineMs,
    pngMs,
    pngBytes,
    ...(pngSkipped ? { pngSkipped } : {}),
  };
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);

export function receiptSection(r: ReceiptBench): string[] {
  const ratio = median(r.printMs) / median(r.baselineMs);
  return [
    '## Receipt printing: a 60-record receipt (issue 5)',
    '',
    `An account-records receipt of ${r.records} records (zh-CN, GB18030 text, QR code, cut): ${r.bytes} bytes of ESC/POS.`,
    `${r.printMs.length} prints after ${WARM_UP} warm-up ones. **Print** is compose + transmit + emulate: the ESC/POS driver's`,
    '`print` (status check, encoding, the bytes over loopback TCP, the confirmation by process ID after the cut) until the',
    "byte-level emulator has parsed the stream and rendered the cut receipt's text. **Baseline**, in the same rounds: the",
    'same bytes over a loopback TCP connection into a sink that only counts them and answers one byte.',
    '',
    '| step | p50 (ms) | p99 (ms) |',
    '| --- | ---: | ---: |',
    `| compose only (encodeReceipt) | ${fmt(median(r.composeMs))} | ${fmt(percentile(r.composeMs, 99))} |`,
    `| baseline: bytes over TCP, one-byte answer | ${fmt(median(r.baselineMs))} | ${fmt(percentile(r.baselineMs, 99))} |`,
    `| print: compose + transmit + emulate | ${fmt(median(r.printMs))} | ${fmt(percentile(r.printMs, 99))} |`,
    r.pngSkipped
      ? `| PNG of the cut receipt | skipped: ${r.pngSkipped} | |`
      : `| PNG of the cut receipt (${(r.pngBytes / 1024).toFixed(0)} KiB, demo preview) | ${fmt(median(r.pngMs))} | ${fmt(percentile(r.pngMs, 99))} |`,
    '',
    `Print against the baseline: ${fmt(ratio, 1)}× the bare transport (medians).`,
    '',
  ];
}
