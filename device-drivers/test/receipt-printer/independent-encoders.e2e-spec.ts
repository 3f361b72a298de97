/**
 * The emulator's parser against byte streams it did not write: receiptline's ESC/POS output
 * (its own GB18030 text, rules, raster QR, barcodes and cut) and a hand-built stream in the
 * style of the Epson reference (ESC !, ESC * bit image, GS k NUL-terminated, ESC i cut).
 * Each goes through a real socket in small chunks, as a printer would receive it.
 */
import { Socket } from 'node:net';
import receiptline from 'receiptline';
import { EscposPrinterEmulator } from '@kiosk/device-drivers';
import { RIG_STATUS_TIMEOUT_MS } from './escpos-tcp-rig.js';
import { scanQr } from './png-pixels.js';

let emulator: EscposPrinterEmulator;
const log: string[] = [];

beforeEach(() => {
  log.length = 0;
  emulator = new EscposPrinterEmulator({ log: (l) => log.push(l) });
});
afterEach(() => emulator.close());

async function send(bytes: Buffer, chunk = 13): Promise<void> {
  const { host, port } = await emulator.listen(0);
  const socket = new Socket();
  await new Promise<void>((resolve) => socket.connect(port, host, resolve));
  // what the printer says back (status) is read and dropped: a socket with unread bytes never
  // sees the printer hang up at `emulator.close()` and stays open after the test
  socket.resume();
  for (let i = 0; i < bytes.length; i += chunk) socket.write(bytes.subarray(i, i + chunk));
  await new Promise<void>((resolve) => socket.end(resolve));
}

describe('the emulator reads receiptline output', () => {
  const doc = [
    '^^医保个人账户明细',
    '终端 JZ-0001',
    '---',
    '姓名 | 张*明',
    '账户余额 | 3567.80元',
    '{code:KSR1-JZ-0001-S42; option:qrcode,6,m}',
    '{code:20261126000042; option:code128,2,72,hri}',
    '请妥善保管本凭条',
  ].join('\n');
  const bytes = Buffer.from(
    receiptline.transform(doc, { cpl: 48, encoding: 'gb18030', command: 'escpos', cutting: true }),
    'binary',
  );

  it('prints the Chinese text, the rule and the columns', async () => {
    const next = emulator.nextReceipt();
    await send(bytes);
    const { text } = await next;
    expect(text).toContain('医');
    expect(text.replace(/\s+/g, '')).toContain('医保个人账户明细');
    expect(text).toMatch(/姓名\s+张\*明/);
    expect(text).toMatch(/账户余额\s+3567\.80元/);
    expect(text).toContain('─'.repeat(20));
    expect(text).toContain('请妥善保管本凭条');
  });

  it('prints its raster QR code so that it scans', async () => {
    const next = emulator.nextReceipt();
    await send(bytes);
    const receipt = await next;
    expect(receipt.text).toMatch(/\[IMAGE \d+x\d+\]/);
    expect(await scanQr(receipt.png())).toBe('KSR1-JZ-0001-S42');
  });

  it('prints its barcode with the human-readable text', async () => {
    const next = emulator.nextReceipt();
    await send(bytes);
    const { text } = await next;
    expect(text).toContain('[BARCODE 73');
    expect(text).toContain('20261126000042');
  });
});

describe('the emulator reads a hand-built Epson-style stream', () => {
  const ESC = 0x1b;
  const GS = 0x1d;
  const image = Buffer.alloc(16 * 3, 0xff); // ESC * 33: 16 columns of 24 dots, all black
  const bytes = Buffer.concat([
    Buffer.of(ESC, 0x40, ESC, 0x21, 0x30), // initialise, double width and height
    Buffer.from('TOTAL', 'ascii'),
    Buffer.of(0x0a, ESC, 0x21, 0x00, ESC, 0x61, 0x02),
    Buffer.from('12.50', 'ascii'),
    Buffer.of(0x0a, ESC, 0x61, 0x00, ESC, 0x2a, 33, 16, 0),
    image,
    Buffer.of(0x0a, GS, 0x6b, 4),
    Buffer.from('A123', 'ascii'),
    Buffer.of(0, ESC, 0x74, 16, 0xc9, 0x0a), // É in Windows-1252
    Buffer.of(ESC, 0x64, 2, ESC, 0x69),
  ]);

  it('prints the text with its size and alignment and cuts', async () => {
    const next = emulator.nextReceipt();
    await send(bytes, 3);
    const { text } = await next;
    const lines = text.split('\n');
    expect(lines[0]).toBe('T O T A L');
    expect(lines[1]).toBe(' '.repeat(43) + '12.50');
    expect(text).toContain('[BARCODE 4 A123]');
    expect(text).toContain('É');
  });
});

describe('unknown and malformed commands', () => {
  it('are logged and never stop the printer', async () => {
    const garbage = Buffer.of(
      0x1b,
      0xff, // unknown ESC
      0x1d,
      0xfe, // unknown GS
      0x1d,
      0x56,
      0x07, // GS V with a bad mode
      0x1d,
      0x38,
      0x4c,
      0xff,
      0xff,
      0xff,
      0x7f, // GS 8 L declaring 2 GB
      0x01,
      0x02, // stray control bytes
      0x10,
      0x14,
      0x63, // DLE DC4 with an unknown function
    );
    const next = emulator.nextReceipt();
    await send(
      Buffer.concat([garbage, Buffer.from('STILL HERE\n', 'ascii'), Buffer.of(0x1d, 0x56, 0x42, 0)]),
    );
    expect((await next).text).toContain('STILL HERE');
    expect(log.some((l) => l.includes('ESC 0xff'))).toBe(true);
    expect(log.some((l) => l.includes('too large'))).toBe(true);
    expect(log.some((l) => l.includes('GS V bad mode'))).toBe(true);
  });
});

describe('CODE128 bars', () => {
  it('match receiptline’s own CODE128 generator module for module', async () => {
    const { readCode128, code128Dots } = await import('../../src/receipt-printer/paper-symbols.js');
    for (const [escaped, plain] of [
      ['{BKSR1-42', 'KSR1-42'],
      [`{C${String.fromCharCode(20, 26, 11, 26, 0, 0, 42)}`, '20261126000042'],
    ] as const) {
      const ours = code128Dots(readCode128(Buffer.from(escaped, 'latin1'))!, 1, 1);
      const theirs = receiptline.barcode.generate({
        data: plain,
        type: 'code128',
        width: 1,
        height: 1,
        hri: false,
        quietZone: false,
      });
      const widths = (theirs.widths as number[]).filter((w) => w > 0);
      const bars: number[] = [];
      let run = 0;
      for (let x = 0; x < ours.width; x++) {
        run += 1;
        if (x + 1 === ours.width || ours.dots[x + 1] !== ours.dots[x]) {
          bars.push(run);
          run = 0;
        }
      }
      expect(bars).toEqual(widths);
    }
  });
});

describe('a 60-record receipt', () => {
  it('comes out with all 60 records', async () => {
    const { EscposPrinterDriver, tcpPrinterConnector, recordsReceipt } =
      await import('@kiosk/device-drivers');
    const { contextFor, sampleRecords } = await import('./receipt-fixtures.js');
    const { host, port } = await emulator.listen(0);
    const driver = new EscposPrinterDriver({
      connect: tcpPrinterConnector(host, port),
      idlePollMs: 0,
      statusTimeoutMs: RIG_STATUS_TIMEOUT_MS,
    });
    await driver.open();
    const next = emulator.nextReceipt();
    const holder = { name: '张三明', cardNumber: 'A98765432' };
    await driver.print(
      recordsReceipt(contextFor('zh-CN'), { holder, records: sampleRecords(60), balanceFen: 1 }),
    );
    const { text } = await next;
    expect(text.split('\n').filter((l) => /^2026-\d\d-\d\d /.test(l))).toHaveLength(60);
    await driver.close();
  });
});
