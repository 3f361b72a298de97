/**
 * li's withdrawal of 200 yuan whose dispense's ACK is lost once, as the dispenser specs on a pseudo
 * terminal run it (`retract-after-unknown-dispense-fails`, `withdrawal-retract-while-counting`):
 * the real LCDM driver, the byte-level emulator at the far end (two notes counted in 4 s, so the
 * dispense's outcome is unknown at its 2.5 s answer time), the journey's real actors, a journal in
 * memory and the embedded host simulator over HTTP. All it opens is closed after the case.
 */
import { afterEach } from '@jest/globals';
import { loadConfig } from '@kiosk/config';
import {
  lcdmProtocol,
  startLcdmOverPseudoTerminal,
  type LcdmCashDispenserOptions,
  type LcdmOverPseudoTerminal,
} from '@kiosk/device-drivers/lcdm-serial-road';
import { HostConnection } from '../src/host/host-connection.js';
import { HostService } from '../src/host/host.service.js';
import { openMemoryJournal } from '../src/journal/memory-journal.spec-support.js';
import type { DataSource } from '../src/journal/typeorm-runtime.js';
import { MetricsService } from '../src/telemetry/metrics.service.js';
import { lineDropsAtNextDispense } from './lcdm-line-drops-at-dispense.js';
import { li, startWithdrawal } from './withdrawal-journey-run.js';

const YUAN = 100;
export const AMOUNT = 200 * YUAN;

let rig: LcdmOverPseudoTerminal | undefined;
let connection: HostConnection | undefined;
let db: DataSource | undefined;
afterEach(async () => {
  await rig?.close();
  await connection?.onApplicationShutdown();
  await db?.destroy();
  rig = connection = db = undefined;
});

/**
 * The withdrawal started and its amount chosen, the dispense's ACK then lost; `driver`: the
 * driver's answer time and heartbeat as the spec sets them; `lineDropsAtDispense`: the dispenser
 * silent from the moment it takes the dispense (`lineDropsAtNextDispense`, `plugIn` puts it back).
 * Its journey is returned running.
 */
export async function lostAckWithdrawal(
  driver: Pick<LcdmCashDispenserOptions, 'responseTimeoutMs' | 'heartbeatMs'>,
  { lineDropsAtDispense = false }: { readonly lineDropsAtDispense?: boolean } = {},
) {
  rig = await startLcdmOverPseudoTerminal({
    driver: {
      cassettes: {
        upper: { denominationFen: 100 * YUAN, count: 200, lowThreshold: 20, emptyThreshold: 0 },
        lower: { denominationFen: 50 * YUAN, count: 200, lowThreshold: 20, emptyThreshold: 0 },
      },
      ackTimeoutMs: 500,
      dispenseTimeoutMs: 2_500,
      busyPollMs: 100,
      ...driver,
    },
    emulator: { msPerNote: 2_000 },
  });
  const { emulator, driver: dispenser } = rig;
  const plugIn = lineDropsAtDispense ? lineDropsAtNextDispense(rig) : () => undefined;
  const opened = await openMemoryJournal();
  db = opened.db;
  const { journal } = opened;
  const config = loadConfig({ profile: 'test' });
  connection = new HostConnection(config);
  await connection.onModuleInit();
  const simulator = connection.embedded()!;
  const balanceBefore = simulator.state.balanceOfCard(li.cardNumber)!;
  const tx = await journal.openTransaction('s1', 'withdraw');
  const host = new HostService(connection, new MetricsService());
  const journey = await startWithdrawal({
    ...{ journal, transactionId: tx, host, dispenser, config, amountFen: AMOUNT, cashTakeMs: 30_000 },
    beforeAmount: () =>
      emulator.setFault({ kind: 'lostAck', times: 1, command: lcdmProtocol.LcdmCommand.UPPER_DISPENSE }),
  });
  return { emulator, dispenser, journal, tx, host, simulator, balanceBefore, journey, plugIn };
}
