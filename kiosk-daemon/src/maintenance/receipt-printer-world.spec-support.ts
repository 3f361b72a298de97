/**
 * The staff supplies world (staff-supplies-world.spec-support) with a real receipt printer: the
 * ESC/POS driver over TCP into its byte-level emulator on a free port, the emulator's paper as
 * `paper` sets it, read by the driver before the world is given. The emulator stays the spec's, to
 * load paper; the world's close closes the printer and the emulator after the rest.
 */
import { EscposPrinterDriver, EscposPrinterEmulator, tcpPrinterConnector } from '@kiosk/device-drivers';
import { staffSuppliesWorld, type StaffSuppliesWorld } from './staff-supplies-world.spec-support.js';

export async function staffSuppliesWorldOnEscposPrinter(
  paper: (emulator: EscposPrinterEmulator) => void,
): Promise<{ w: StaffSuppliesWorld; emulator: EscposPrinterEmulator; printer: EscposPrinterDriver }> {
  const emulator = new EscposPrinterEmulator();
  const { host, port } = await emulator.listen(0, '127.0.0.1');
  const printer = new EscposPrinterDriver({ connect: tcpPrinterConnector(host, port) });
  const closePrinter = async () => {
    await printer.close();
    await emulator.close();
  };
  try {
    await printer.open();
    const world = await staffSuppliesWorld({ receiptPrinter: printer });
    paper(emulator);
    await printer.refreshStatus();
    const close = async () => {
      await world.close();
      await closePrinter();
    };
    return { w: { ...world, close }, emulator, printer };
  } catch (error) {
    await closePrinter();
    throw error;
  }
}
