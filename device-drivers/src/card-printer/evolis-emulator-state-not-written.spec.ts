/**
 * Fault: the card printer emulator cannot write its state file (a full disk, a disk fault; here its
 * place taken by a folder).
 * The frame it failed on went unanswered and so did every frame after it on that connection,
 * for good (and the failure was an unhandled rejection in the process serving the emulator):
 * one failed write silenced the printer until the driver reconnected. Now only that frame goes
 * unanswered (the driver times out), and the next ones are answered once the state is written.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@kiosk/domain';
import { tcpPrinterConnector } from '../receipt-printer/printer-connectors.js';
import { EvolisCardPrinterDriver } from './evolis-card-printer.driver.js';
import { EvolisPrinterEmulator } from './evolis-printer.emulator.js';
import { closePrinters, keepOpen } from './evolis-printer-rig.js';

const dirs: string[] = [];

afterEach(async () => {
  await closePrinters();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('card printer emulator whose state file cannot be written', () => {
  it('fault: state file not written: that command times out, the next is answered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evolis-state-'));
    dirs.push(dir);
    const folder = join(dir, 'printer');
    mkdirSync(folder);
    const stateFile = join(folder, 'state.json');
    const emulator = new EvolisPrinterEmulator({ hopper: 5, ribbon: 10, stateFile });
    const { host, port } = await emulator.listen(0);
    const driver = new EvolisCardPrinterDriver({
      connect: tcpPrinterConnector(host, port),
      takePollMs: 5,
      commandTimeoutMs: 300,
    });
    keepOpen(emulator, driver);
    await driver.open();

    rmSync(stateFile);
    mkdirSync(join(stateFile, 'in-the-way'), { recursive: true });
    await expect(driver.feedToChipStation()).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });

    rmSync(stateFile, { recursive: true });
    await driver.ejectToRejectBin('chipFailed');
    expect(emulator.counts()).toMatchObject({ rejected: 1 });
  });
});
