/**
 * The ESC/POS receipt printer driver and the byte-level emulator over TCP (the emulator on an
 * ephemeral port of 127.0.0.1), the driver opened, idle polling off: what the receipt specs
 * print through.
 */
import {
  EscposPrinterDriver,
  EscposPrinterEmulator,
  tcpPrinterConnector,
  type EmulatedReceipt,
  type Receipt,
} from '@kiosk/device-drivers';

/**
 * The status answer time on the rig: ample on a loaded machine (the driver's default is 1 s), as
 * a status answer met late fails the print under way as DEVICE_OFFLINE.
 */
export const RIG_STATUS_TIMEOUT_MS = 3_000;

export interface EscposTcpRig {
  readonly emulator: EscposPrinterEmulator;
  readonly driver: EscposPrinterDriver;
  /** prints `receipt` and answers it as the emulator read it back (its text, its PNG) */
  printed(receipt: Receipt): Promise<EmulatedReceipt>;
  /** closes the driver, then the emulator */
  stop(): Promise<void>;
}

export async function startEscposTcpRig(): Promise<EscposTcpRig> {
  const emulator = new EscposPrinterEmulator();
  const { host, port } = await emulator.listen(0);
  const driver = new EscposPrinterDriver({
    connect: tcpPrinterConnector(host, port),
    idlePollMs: 0,
    statusTimeoutMs: RIG_STATUS_TIMEOUT_MS,
  });
  await driver.open();
  return {
    emulator,
    driver,
    async printed(receipt) {
      const next = emulator.nextReceipt();
      await driver.print(receipt);
      return next;
    },
    async stop() {
      await driver.close();
      await emulator.close();
    },
  };
}
