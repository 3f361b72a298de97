/**
 * Every printer fault, one test each, through the real driver and the byte-level emulator
 * over TCP: the coded error the daemon gets, the status it reads, and what came out of the
 * printer.
 */
import { Duplex } from 'node:stream';
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import {
  EscposPrinterDriver,
  EscposPrinterEmulator,
  streamPrinterConnector,
  tcpPrinterConnector,
  withdrawalReceipt,
} from '@kiosk/device-drivers';

const receipt = withdrawalReceipt(
  {
    locale: 'zh-CN',
    kioskId: 'JZ-0001',
    serial: '20261126-000042',
    printedAt: new Date('2026-11-26T12:30:00Z'),
  },
  {
    holder: { name: '张三明', cardNumber: 'A98765432', idNumber: '410802199001011234' },
    amountFen: 20_000,
    balanceAfterFen: 156_780,
  },
);

async function rejection(p: Promise<unknown>): Promise<KioskError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof KioskError) return e;
    throw e;
  }
  throw new Error('expected the print to fail');
}

/** The status answer time of a printer that answers (the driver's default is 1 s). */
const STATUS_TIMEOUT_MS = 3_000;

function nextStatus(driver: EscposPrinterDriver, match: (s: DeviceStatus) => boolean): Promise<DeviceStatus> {
  return new Promise((resolve) => {
    const off = driver.onStatus((s) => {
      if (match(s)) {
        off();
        resolve(s);
      }
    });
  });
}

describe('receipt printer faults', () => {
  let emulator: EscposPrinterEmulator;
  let driver: EscposPrinterDriver;
  const log: string[] = [];

  async function start(
    options: ConstructorParameters<typeof EscposPrinterEmulator>[0] = {},
    printTimeoutMs = 10_000,
  ) {
    emulator = new EscposPrinterEmulator({ ...options, log: (l) => log.push(l) });
    const { host, port } = await emulator.listen(0);
    driver = new EscposPrinterDriver({
      connect: tcpPrinterConnector(host, port),
      idlePollMs: 0,
      // ample on a loaded machine: a status answer met late fails the print as DEVICE_OFFLINE
      statusTimeoutMs: STATUS_TIMEOUT_MS,
      printTimeoutMs,
    });
    await driver.open();
  }

  afterEach(async () => {
    await driver?.close();
    await emulator?.close();
    log.length = 0;
  });

  it('paper out before printing: DEVICE_SUPPLY_EMPTY, nothing printed, status userError with paper empty', async () => {
    await start();
    emulator.paperOut();
    const e = await rejection(driver.print(receipt));
    expect(e.code).toBe(ErrorCode.DEVICE_SUPPLY_EMPTY);
    expect(e.details).toMatchObject({ midReceipt: false, supply: 'paper' });
    expect(emulator.receipts).toHaveLength(0);
    expect(driver.status()).toMatchObject({
      device: 'userError',
      supplies: [{ name: 'paper', level: 'empty' }],
    });
  });

  it('paper out mid-receipt: reported as such, the half receipt never resumes, the reprint comes out whole', async () => {
    await start();
    emulator.setPaperRemaining(200);
    const e = await rejection(driver.print(receipt));
    expect(e.code).toBe(ErrorCode.DEVICE_SUPPLY_EMPTY);
    expect(e.details).toMatchObject({ midReceipt: true });
    expect(emulator.receipts).toHaveLength(0);

    const back = nextStatus(driver, (s) => s.device === 'online');
    emulator.loadPaper();
    await back;
    expect(emulator.receipts).toHaveLength(0);
    await expect(driver.print(receipt)).resolves.toMatchObject({ printed: true });
    expect(emulator.receipts).toHaveLength(1);
    expect(emulator.lastReceipt()!.text).toContain('医  保  个  人  账  户  支  取');
  });

  it('paper near end: the receipt prints and the paper reads low', async () => {
    await start();
    emulator.paperNearEnd();
    await expect(driver.print(receipt)).resolves.toMatchObject({ printed: true });
    expect(driver.status()).toMatchObject({ device: 'online', supplies: [{ name: 'paper', level: 'low' }] });
  });

  it('cover open before printing: PRINTER_COVER_OPEN', async () => {
    await start();
    emulator.openCover();
    const e = await rejection(driver.print(receipt));
    expect(e.code).toBe(ErrorCode.PRINTER_COVER_OPEN);
    expect(driver.status()).toMatchObject({
      device: 'userError',
      fault: { code: ErrorCode.PRINTER_COVER_OPEN },
    });
  });

  it('cover opened mid-receipt: PRINTER_COVER_OPEN and no receipt after closing it', async () => {
    await start({ msPerLine: 2 });
    emulator.once('fed', () => emulator.openCover());
    const e = await rejection(driver.print(receipt));
    expect(e.code).toBe(ErrorCode.PRINTER_COVER_OPEN);
    expect(e.details).toMatchObject({ midReceipt: true });
    const back = nextStatus(driver, (s) => s.device === 'online');
    emulator.closeCover();
    await back;
    expect(emulator.receipts).toHaveLength(0);
  });

  it('cover opened while idle: the status change is pushed without a query (ASB)', async () => {
    await start();
    const pushed = nextStatus(driver, (s) => s.device === 'userError');
    emulator.openCover();
    await expect(pushed).resolves.toMatchObject({ fault: { code: ErrorCode.PRINTER_COVER_OPEN } });
  });

  it('cutter error: PRINTER_CUTTER_ERROR and the printer reads hardwareError until repaired', async () => {
    await start();
    emulator.jamCutter();
    const e = await rejection(driver.print(receipt));
    expect(e.code).toBe(ErrorCode.PRINTER_CUTTER_ERROR);
    expect(driver.status().device).toBe('hardwareError');
    expect(emulator.receipts).toHaveLength(0);
    const back = nextStatus(driver, (s) => s.device === 'online');
    emulator.repairCutter();
    await back;
  });

  it('printer disconnected before printing: DEVICE_OFFLINE and status offline', async () => {
    await start();
    const offline = nextStatus(driver, (s) => s.device === 'offline');
    emulator.disconnect();
    await offline;
    const e = await rejection(driver.print(receipt));
    expect(e.code).toBe(ErrorCode.DEVICE_OFFLINE);
    expect(driver.status()).toMatchObject({
      device: 'offline',
      supplies: [{ name: 'paper', level: 'unknown' }],
    });
  });

  it('printer disconnected mid-receipt: DEVICE_OFFLINE, then the driver reconnects when the cable is back', async () => {
    await start({ msPerLine: 2 });
    emulator.once('fed', () => emulator.disconnect());
    const e = await rejection(driver.print(receipt));
    expect(e.code).toBe(ErrorCode.DEVICE_OFFLINE);
    emulator.reconnect();
    await expect(driver.print(receipt)).resolves.toMatchObject({ printed: true });
  });

  it('slow printer: the print waits for the confirmation after the cut', async () => {
    await start({ msPerLine: 5 });
    let cutBeforeConfirm = false;
    emulator.once('receipt', () => (cutBeforeConfirm = true));
    await driver.print(receipt);
    expect(cutBeforeConfirm).toBe(true);
  });

  it('printer too slow for the print timeout: DEVICE_TIMEOUT, not printed', async () => {
    await start({ msPerLine: 50 }, 200);
    const e = await rejection(driver.print(receipt));
    expect(e.code).toBe(ErrorCode.DEVICE_TIMEOUT);
  });

  it('printer that never answers status: DEVICE_OFFLINE after the status timeout', async () => {
    const silent = new Duplex({
      read() {},
      write(_c, _e, done) {
        done();
      },
    });
    emulator = new EscposPrinterEmulator();
    driver = new EscposPrinterDriver({
      connect: streamPrinterConnector(silent),
      idlePollMs: 0,
      statusTimeoutMs: 100, // the printer is silent on purpose: this wait passes, twice
    });
    await driver.open();
    expect(driver.status().device).toBe('offline');
    const e = await rejection(driver.print(receipt));
    expect(e.code).toBe(ErrorCode.DEVICE_OFFLINE);
  });

  it('status bytes that fail the validity check are counted and never read as status', async () => {
    const noisy = new Duplex({
      read() {},
      write(chunk: Buffer, _e, done) {
        // answers every DLE EOT with a byte whose fixed bits are wrong, then a good one
        for (let i = 0; i + 2 < chunk.length; i++)
          if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) this.push(Buffer.of(0xff, 0x12));
        done();
      },
    });
    emulator = new EscposPrinterEmulator();
    driver = new EscposPrinterDriver({
      connect: streamPrinterConnector(noisy),
      idlePollMs: 0,
      statusTimeoutMs: STATUS_TIMEOUT_MS, // it answers: the good bytes must be heard in time
    });
    await driver.open();
    expect(driver.invalidBytes).toBe(4);
    expect(driver.status().device).toBe('online');
  });

  it('print cancelled by the session: DEVICE_OPERATION_CANCELLED and the rest is cleared', async () => {
    await start({ msPerLine: 5 });
    const abort = new AbortController();
    emulator.once('fed', () => abort.abort());
    const e = await rejection(driver.print(receipt, abort.signal));
    expect(e.code).toBe(ErrorCode.DEVICE_OPERATION_CANCELLED);
    await expect(driver.print(receipt)).resolves.toMatchObject({ printed: true });
    expect(emulator.receipts).toHaveLength(1);
    expect(driver.invalidBytes).toBe(0); // the clear's answer (37 25 00) read as such
  });

  it('a second print while printing: DEVICE_BUSY', async () => {
    await start({ msPerLine: 2 });
    const first = driver.print(receipt);
    const e = await rejection(driver.print(receipt));
    expect(e.code).toBe(ErrorCode.DEVICE_BUSY);
    await first;
  });

  it('invalid receipt: RECEIPT_INVALID before any byte is sent', async () => {
    await start();
    const e = await rejection(driver.print({ ...receipt, title: '' }));
    expect(e.code).toBe(ErrorCode.RECEIPT_INVALID);
    expect(emulator.receipts).toHaveLength(0);
  });
});
