/**
 * What the specs of card-making recovery share: the real journal (in-memory SQLite) with a card
 * making ordered (application A0000042, its card number sealed) and the steps given, a card printer
 * whose card is where the spec says and whose reject bin counts (or not), and the host's report.
 */
import type { CardPrinterPort, PrinterCardPosition } from '@kiosk/device-drivers';
import { jest } from '@jest/globals';
import type { DeviceState } from '@kiosk/domain';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';

export const CARD = 'H41080000999';

export async function world(
  position: PrinterCardPosition,
  steps: [string, 'intent' | 'done' | 'failed' | 'event'][],
) {
  const { db, journal } = await openMemoryJournal();
  const tx = await journal.openTransaction('s1', 'issueCard');
  await journal.sealPersonalData(tx, 'cardNumber', CARD);
  await journal.recordStep(tx, 'issuance.order', 'event', { applicationNo: 'A0000042', attempt: 1 });
  for (const [step, phase] of steps) await journal.recordStep(tx, step, phase);
  let where = position;
  // what the printer counts in its reject bin; undefined: a printer that does not count it
  const bin: { count: number | undefined } = { count: 0 };
  // the printer's state as it answers (offline: it does not, and the driver reads no card)
  const printerState: { device: DeviceState } = { device: 'online' };
  const printer = {
    cardPosition: () => where,
    ejectToRejectBin: jest.fn(async () => {
      where = 'none';
      if (bin.count !== undefined) bin.count += 1;
    }),
    status: () => ({
      kind: 'cardPrinter',
      device: printerState.device,
      supplies: [
        { name: 'cardHopper', level: 'ok', count: 39 },
        { name: 'rejectBin', level: 'ok', ...(bin.count === undefined ? {} : { count: bin.count }) },
      ],
    }),
  } as unknown as CardPrinterPort;
  const report = jest.fn(async () => ({}));
  const issuance = { reportIssuance: report } as unknown as IssuanceHostService;
  const named = async () => (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
  /** the card moved while the kiosk was down (as the printer will read it) */
  const setPosition = (moved: PrinterCardPosition) => {
    where = moved;
  };
  return { db, journal, tx, printer, printerState, setPosition, issuance, report, named, bin };
}

export const presented: [string, 'intent' | 'done'][] = [
  ['card.feed', 'intent'],
  ['card.feed', 'done'],
  ['card.present', 'intent'],
  ['card.present', 'done'],
];
